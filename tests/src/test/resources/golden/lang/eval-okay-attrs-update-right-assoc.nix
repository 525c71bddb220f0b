# a // b // c == a // (b // c), and // binds tighter than ++ is irrelevant here
let a = { x = 1; y = 1; }; b = { y = 2; z = 2; }; c = { z = 3; }; in [ (a // b // c) ((a // b) // c == a // (b // c)) ]
