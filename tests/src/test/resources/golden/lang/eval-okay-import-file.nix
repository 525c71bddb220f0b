[ (import ./lib/add.nix 1 2) ((import ./lib/values.nix).value) (import ./lib/values.nix).here (import ./lib/values.nix).sibling ((import ./lib/values.nix).add 3 4) ]
