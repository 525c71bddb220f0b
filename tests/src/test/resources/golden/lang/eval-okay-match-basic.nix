with builtins; [ (match "abc" "abc") (match "abc" "abcd") (match "a(b)c" "abc") (match "(a)(b)?(c)" "ac") (match "(.*)\\.nix" "foo.nix") (match "" "") (match "x" "") (match ".*" "") ]
