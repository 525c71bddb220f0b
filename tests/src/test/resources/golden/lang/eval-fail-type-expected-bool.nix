builtins.filter (x: null) [ 1 ]
