import ./values.nix
