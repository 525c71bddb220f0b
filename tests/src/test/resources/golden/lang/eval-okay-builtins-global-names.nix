# names available without the builtins. prefix
[ (map (x: x) [ 1 ]) (toString 1) (baseNameOf "/a/b") (dirOf "/a/b") (isNull null) (removeAttrs { a = 1; b = 2; } [ "a" ]) true false null (builtins.isFunction import) (builtins.isFunction throw) (builtins.isFunction abort) (builtins.isFunction derivation) (builtins.isFunction scopedImport) (builtins.isFunction fetchTarball) ]
