let v = 5; in rec { a = v; b = a; c = "lit"; }
