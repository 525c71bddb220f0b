(import ./common.nix).mk { name = "with-source"; src = ./src/hello.txt; }
