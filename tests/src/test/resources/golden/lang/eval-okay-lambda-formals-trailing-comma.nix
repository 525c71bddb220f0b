let f = { a, b, }: a + b; g = { }: "empty"; in [ (f { a = 1; b = 2; }) (g { }) ]
