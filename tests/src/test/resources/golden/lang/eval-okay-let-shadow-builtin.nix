let true = false; map = 1; in [ true map builtins.true ]
