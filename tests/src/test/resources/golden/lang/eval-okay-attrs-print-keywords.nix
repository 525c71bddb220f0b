# Nix 2.8 quotes only "if" among the keywords
{ "if" = 1; "then" = 2; "else" = 3; "assert" = 4; "with" = 5; "let" = 6; "in" = 7; "rec" = 8; "inherit" = 9; "or" = 10; "true" = 11; "null" = 12; }
