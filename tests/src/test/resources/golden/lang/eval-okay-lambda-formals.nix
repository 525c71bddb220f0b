let f = { a, b }: a + b; g = { a, b ? 10 }: a * b; in [ (f { a = 1; b = 2; }) (g { a = 2; }) (g { a = 2; b = 3; }) ]
