[ (builtins.toPath "/a/b") (builtins.toPath "/a/../b/./c") (builtins.typeOf (builtins.toPath "/x")) ]
