let s = { a = s.b; b = s.a; }; in s.a
