# "f -1" is f minus 1, not f applied to -1
let f = 10; g = x: x; in [ (f -1) (g (-1)) (f - 1) ]
