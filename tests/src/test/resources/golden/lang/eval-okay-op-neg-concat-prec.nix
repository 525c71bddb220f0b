# unary minus binds tighter than ++ and application binds tighter than minus
let f = x: x * 10; in [ (-1 + 2) (- f 2) ([ (-1) ] ++ [ 2 ]) (- 2 * 3) ]
