let f = { a, b ? 5 }@args: [ a b (args ? b) (builtins.attrNames args) ]; in f { a = 1; }
