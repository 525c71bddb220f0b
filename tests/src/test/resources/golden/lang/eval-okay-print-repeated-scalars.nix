# strings, numbers and functions are never "repeated"
let s = "str"; n = 1; f = x: x; in [ s s n n f f null null ]
