import ./lib/needs-arg.nix { x = "s"; }
