with builtins; [ (ceil 1.5) (floor 1.5) (ceil (-1.5)) (floor (-1.5)) (ceil 2) (floor 2) (typeOf (ceil 1.1)) (ceil 0.0) (floor 1.0e10) ]
