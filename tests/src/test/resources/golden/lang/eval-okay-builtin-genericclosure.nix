builtins.genericClosure { startSet = [ { key = 1; } { key = 2; } ]; operator = item: if item.key < 6 then [ { key = item.key * 2; } { key = item.key + 1; } ] else [ ]; }
