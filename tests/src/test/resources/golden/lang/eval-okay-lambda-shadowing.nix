let x = 1; f = x: x + 1; g = x: (x: x * 10) (x + 1); in [ (f 5) (g 5) x ]
