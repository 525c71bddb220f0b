let f = { a }: a; g = x: f x; in g { b = 1; }
