import "lib/add.nix"
