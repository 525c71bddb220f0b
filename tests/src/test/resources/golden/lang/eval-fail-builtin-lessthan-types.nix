builtins.lessThan null null
