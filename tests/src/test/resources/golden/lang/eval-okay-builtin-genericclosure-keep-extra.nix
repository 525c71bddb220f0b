# the first item with a key wins; other attributes are kept
builtins.genericClosure { startSet = [ { key = "a"; v = 1; } { key = "a"; v = 2; } ]; operator = x: [ { key = "b"; from = x.key; } ]; }
