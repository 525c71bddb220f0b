let s = { a = 1; }; x = "a"; in { inherit (s) ${x}; }
