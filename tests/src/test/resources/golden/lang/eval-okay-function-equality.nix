# functions are never equal, except a value compared with itself inside a list or set
let f = x: x; in [ (f == f) ([ f ] == [ f ]) ({ x = f; } == { x = f; }) (builtins.add == builtins.add) ]
