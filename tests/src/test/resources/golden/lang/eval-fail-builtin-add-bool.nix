builtins.add true 1
