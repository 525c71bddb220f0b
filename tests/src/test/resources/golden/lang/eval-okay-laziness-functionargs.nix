# functionArgs reads the pattern, never the defaults.
[
  (builtins.functionArgs ({ a ? throw "default", b }: a))
  (builtins.functionArgs (x: throw "body"))
  (builtins.functionArgs builtins.map)
  (({ a, b ? throw "default" }: a) { a = 1; })
  (({ a, ... }: a) { a = 1; b = throw "extra"; })
  ((args@{ a, ... }: builtins.attrNames args) { a = 1; b = throw "extra"; })
  ((x: 1) (throw "argument"))
]
