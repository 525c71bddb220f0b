# "f or" applies f to the variable "or"
let or = 3; f = x: x * 2; in [ (f or) ]
