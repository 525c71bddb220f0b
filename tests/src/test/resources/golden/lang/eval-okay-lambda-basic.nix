let id = x: x; add = a: b: a + b; inc = add 1; in [ (id 1) (add 2 3) (inc 4) ((x: x * 2) 5) ((a: b: a - b) 10 3) ]
