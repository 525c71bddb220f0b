# match must cover the whole string
with builtins; [ (match "b" "abc") (match ".*b.*" "abc") (match "^abc$" "abc") (match "a|b" "b") (match "a|bc" "bc") ]
