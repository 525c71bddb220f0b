with builtins; [ (concatLists [ [ 1 2 ] [ ] [ 3 ] ]) (concatLists [ ]) (concatMap (x: [ x x ]) [ 1 2 ]) (concatMap (x: [ ]) [ 1 ]) (map (x: x * x) [ 1 2 3 ]) (map (x: x) [ ]) ]
