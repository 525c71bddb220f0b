map { __functor = self: x: x + self.k; k = 100; } [ 1 2 3 ]
