let s = { p = 1; q = 2; }; in let inherit (s) p q; inherit s; in [ p q s.p ]
