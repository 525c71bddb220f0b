[ (toString ./nope/at/all) (builtins.toJSON (toString ./x)) ]
