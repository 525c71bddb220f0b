with builtins; [ (match "a\\+b" "a+b") (match "[.]" ".") (match "a.c" "a\nc") (match "(.)" "é") (match "..?" "é") ]
