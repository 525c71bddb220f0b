map toString [ 1 (-5) "s" true false null [ 1 2 ] [ ] [ [ 1 [ 2 ] ] "x" ] [ null true false ] ./p { outPath = "out"; } { __toString = s: "ts"; } 1.5 ]
