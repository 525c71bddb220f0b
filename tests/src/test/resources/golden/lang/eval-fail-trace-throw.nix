let f = x: if x == 0 then throw "reached zero" else f (x - 1); in f 3
