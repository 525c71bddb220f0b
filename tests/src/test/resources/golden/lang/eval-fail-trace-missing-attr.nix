let s = { a = { b = 1; }; }; get = n: s.a.${n}; in { result = get "c"; }
