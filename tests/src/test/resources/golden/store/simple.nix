(import ./common.nix).mk { name = "simple"; }
