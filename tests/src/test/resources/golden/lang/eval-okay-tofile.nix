[ (builtins.toFile "foo.txt" "contents") (builtins.toFile "empty" "") ]
