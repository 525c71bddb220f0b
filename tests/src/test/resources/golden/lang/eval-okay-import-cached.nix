# importing the same file twice yields the same value (printed as repeated)
[ (import ./lib/values.nix) (import ./lib/values.nix) ]
