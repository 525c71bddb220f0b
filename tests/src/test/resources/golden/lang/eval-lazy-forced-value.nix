let x = 1 + 1; in builtins.seq x { inherit x; y = x + 1; }
