(import ./common.nix).mk { name = "filtersource"; src = builtins.filterSource (p: t: t != "directory" || baseNameOf p != "sub") ./src/tree; }
