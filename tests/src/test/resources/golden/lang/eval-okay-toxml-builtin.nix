builtins.toXML { a = 1; b = "s"; c = [ true null 1.5 ]; d = { }; f = x: x; g = { x, y ? 1, ... }: x; p = ./data; }
