# ints and floats compare by value; typeOf tells them apart
[ (1 == 1.0) (builtins.typeOf (1 + 1.0)) (builtins.typeOf (2 * 3)) (1 < 1.5) (2.0 > 1) (builtins.div 7 2) (builtins.div 7.0 2) (7 / 2) (-7 / 2) ([1] == [1.0]) ]
