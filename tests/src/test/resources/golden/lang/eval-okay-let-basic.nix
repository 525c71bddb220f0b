let a = 1; b = a + 1; f = x: x * b; in [ a b (f 5) ]
