[ (import ./dir) (import ./dir/other.nix) ]
