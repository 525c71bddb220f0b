with builtins; [ (seq 1 2) (seq { a = throw "lazy"; } "ok") (deepSeq { a = 1; b = [ 2 ]; } "deep ok") (seq [ (throw "lazy elem") ] "ok2") ]
