# interpolating a path that does not exist into a string is an error, so only toString here
[ (toString ./x) (toString /a/b) ("" + toString ./x) (builtins.typeOf (toString ./x)) ]
