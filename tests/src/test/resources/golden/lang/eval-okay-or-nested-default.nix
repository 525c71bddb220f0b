let s = { a = { b = 1; }; }; in [ (s.a.b.c or "d1") (s.x or s.a.b) (s.x or s.y or "d2") ({ }.a or { }.b or 3) ]
