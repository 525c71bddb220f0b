with builtins; [ (concatStringsSep ", " [ "a" "b" "c" ]) (concatStringsSep "" [ ]) (concatStringsSep "-" [ "x" ]) (concatStringsSep "/" [ "a" (toString ./p) "c" ]) ]
