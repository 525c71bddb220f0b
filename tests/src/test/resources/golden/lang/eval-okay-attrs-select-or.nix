let s = { a = { b = { c = 1; }; }; x = null; }; in [ (s.a.b.c or 0) (s.a.b.d or 0) (s.z.y.x or "def") (s.a.b or 1) (s.x.y or "nullsel") (s.a or 1).b.c ]
