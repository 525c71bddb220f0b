# Type tests force their argument to its outer form only.
let t = { x = { a = throw "a"; }; }; in
[
  (builtins.isAttrs t.x)
  (builtins.isList [ (throw "x") ])
  (builtins.isFunction (x: throw "x"))
  (builtins.isAttrs (let y = z; z = { a = throw "a"; }; in y))
  (builtins.typeOf (builtins.genList (i: throw "g") 1))
  (builtins.isString "${"a"}")
  (builtins.isNull null)
]
