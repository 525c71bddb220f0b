builtins.length ./p
