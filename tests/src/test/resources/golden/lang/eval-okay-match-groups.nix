with builtins; [ (match "([a-z]+)-([0-9]+)" "pkg-123") (match "(a(b(c)))" "abc") (match "(a)|(b)" "b") (match "(x)*" "xxx") (match "(x)*" "") (match "((a)|b)+" "ab") ]
