let check = v: assert builtins.isInt v; v; in [ (check 1) (check "no") ]
