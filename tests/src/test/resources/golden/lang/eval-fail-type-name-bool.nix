builtins.length true
