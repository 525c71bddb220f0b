builtins.findFile [ { prefix = ""; path = toString ./dir4; } { prefix = "x"; path = toString ./dir3; } ] "x/foo.nix"
