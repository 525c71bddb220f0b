let s = { a = { b = { }; }; }; in s.a.b.c
