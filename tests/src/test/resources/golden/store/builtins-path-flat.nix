(import ./common.nix).mk { name = "flat"; src = builtins.path { path = ./src/hello.txt; recursive = false; name = "hello-flat"; }; }
