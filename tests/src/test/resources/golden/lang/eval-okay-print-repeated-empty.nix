# empty sets and lists are never printed as repeated
let e = { }; n = [ ]; in [ e e n n [ { } { } ] [ [ ] [ ] ] ]
