builtins.seq (throw "first") 1
