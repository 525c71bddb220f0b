let a = "outer"; in rec { a = "inner"; b = a; c = let a = "let"; in a; }
