with builtins; [ (add 1 2) (add 1.5 2) (sub 10 4) (sub 1 2.5) (mul 6 7) (mul 0.5 4) (div 9 2) (div (-9) 2) (div 9 (-2)) (div 1 4.0) ]
