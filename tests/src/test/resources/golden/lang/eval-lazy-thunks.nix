{ a = 1 + 1; b = "str"; c = [ (1 + 1) 2 ]; d = { e = 1; }; f = x: x; g = throw "never forced"; }
