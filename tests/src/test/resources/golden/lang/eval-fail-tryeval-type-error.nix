# type errors are not caught by tryEval
builtins.tryEval (1 + "a")
