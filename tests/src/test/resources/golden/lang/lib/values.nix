{ value = 42; here = ./.; sibling = ./add.nix; add = import ./add.nix; }
