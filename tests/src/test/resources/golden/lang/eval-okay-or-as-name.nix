# "s.a.or or (s.b or 7)" is one select-with-default: the list has two elements
# "or" can be an attribute name and a variable
let or = 5; s = { or = 1; a.or = 2; }; in [ s.or s.a.or or (s.b or 7) ]
