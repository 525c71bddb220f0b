let x = { a = 1; }; l = [ 1 2 ]; in [ x x l l { p = x; q = l; } ]
