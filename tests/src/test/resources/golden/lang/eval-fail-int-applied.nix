let e3 = 1; in 1e3
