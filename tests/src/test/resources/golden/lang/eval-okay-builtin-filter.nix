with builtins; [ (filter (x: x > 2) [ 1 2 3 4 ]) (filter (x: true) [ ]) (filter (x: false) [ 1 ]) ]
