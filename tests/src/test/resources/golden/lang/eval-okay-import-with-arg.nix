import ./lib/needs-arg.nix { x = 21; }
