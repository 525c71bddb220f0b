map builtins.fromJSON [ "1" "-1" "1.5" "true" "null" "\"s\"" " 2 " "1E2" "0.1" "[]" ]
