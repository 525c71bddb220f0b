[ (./a + "/b") (./a + "b") (./a + ./b) (builtins.baseNameOf ./a/b.nix) (builtins.dirOf ./a/b.nix) (toString ./a) (builtins.isPath ./a) (builtins.isPath "./a") (./. + "") (/. + "a") ]
