let s = { a = 1; b = 2; }; in with s; [ a b ]
