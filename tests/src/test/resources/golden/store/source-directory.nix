(import ./common.nix).mk { name = "with-tree"; src = ./src/tree; }
