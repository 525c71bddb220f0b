# abort is not caught by tryEval
builtins.tryEval (abort "really stop")
