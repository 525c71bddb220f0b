# toString uses a fixed six-decimals format
map toString [ 0.1 1.5 1.0e10 123456789.0 1.0 1.0e-5 (-2.5) (1.0 / 3.0) 1.0e21 0.0 (0.0 * -1.0) ]
