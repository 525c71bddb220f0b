builtins.toJSON { a = 1; b = [ true false null ]; c = "str"; d = { e = -2; }; f = [ ]; g = { }; h = "quote\" backslash\\ nl\n tab\t cr\r"; "key with space" = 1; }
