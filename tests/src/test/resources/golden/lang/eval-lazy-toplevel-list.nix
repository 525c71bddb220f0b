[ (1 + 2) "s" (throw "lazy") ]
