builtins.length "s"
