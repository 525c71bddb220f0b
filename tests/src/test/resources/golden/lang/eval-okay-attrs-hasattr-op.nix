let s = { a = { b = 1; }; c = 2; }; in [ (s ? a) (s ? z) (s ? a.b) (s ? a.z) (s ? c.d) ({} ? a) (1 ? a) ("s" ? a) ]
