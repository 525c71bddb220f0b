[ ./x ./a/b.nix ../lang/y /abs/path /abs/../x ./. ./a/../b ./a/./b ./x.y-z_w+v ]
