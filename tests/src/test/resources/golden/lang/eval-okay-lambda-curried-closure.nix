let make = n: { get = n; add = m: make (n + m); }; in [ (make 1).get ((make 1).add 2).get (((make 1).add 2).add 3).get ]
