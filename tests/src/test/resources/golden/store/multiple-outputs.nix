(import ./common.nix).mk { name = "multi"; outputs = [ "out" "lib" "dev" ]; }
