let add = a: b: a + b; in map (add 1) [ 1 "two" ]
