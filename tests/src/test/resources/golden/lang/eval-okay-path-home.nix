[ ~/x ~/a/b.nix (builtins.typeOf ~/x) ]
