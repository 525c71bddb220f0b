# a colon directly after an identifier makes a URI, not a lambda
let f = x: x; in [ (f 1) (builtins.isString a:b) ]
