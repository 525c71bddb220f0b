# x // { } is x itself, but l ++ [ ] is a new list
let x = { a = 1; }; l = [ 1 ]; in [ x (x // { }) ({ } // x) l (l ++ [ ]) ([ ] ++ l) ]
