builtins.deepSeq { a = { b = throw "deep error"; }; } 1
