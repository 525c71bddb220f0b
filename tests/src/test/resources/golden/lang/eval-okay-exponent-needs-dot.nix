# "1e3" is not a float literal: it is 1 applied to the variable e3
let f = x: x; in [ (builtins.typeOf 1.0e3) 1.0e3 ]
