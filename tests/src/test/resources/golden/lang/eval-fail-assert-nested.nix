{ f = n: assert n > 0; n; }.f 0
