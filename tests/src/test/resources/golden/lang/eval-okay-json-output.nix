{ int = 1; float = 1.5; str = "s\n\"q\""; bool = true; null = null; list = [ 1 [ 2 ] { } ]; set = { b = 1; a = 2; }; path = ./data/hello.txt; }
