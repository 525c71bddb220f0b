(import ./lib/reimport.nix).here
