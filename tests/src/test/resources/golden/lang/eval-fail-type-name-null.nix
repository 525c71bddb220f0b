builtins.length null
