import ./lib/needs-arg.nix { y = 1; }
