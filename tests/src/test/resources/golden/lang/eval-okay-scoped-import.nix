builtins.scopedImport { injected = "from scope"; map = "overridden"; } ./lib/uses-scope.nix
