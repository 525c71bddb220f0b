{ n, s, b ? "default" }: [ n s b (builtins.typeOf n) ]
