{ int = 1; float = 1.5; str = "s<&>\"'"; bool = false; null = null; list = [ 1 "two" ]; set = { b = 1; a = { }; }; path = ./data; }
