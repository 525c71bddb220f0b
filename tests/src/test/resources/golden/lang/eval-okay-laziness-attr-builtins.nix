# Builtins on sets that touch only names or the attributes they return.
let s = { a = throw "a"; b = 2; c = throw "c"; }; in
[
  (builtins.attrNames s)
  (builtins.hasAttr "a" s)
  (builtins.hasAttr "z" s)
  (builtins.getAttr "b" s)
  (builtins.length (builtins.attrValues s))
  (builtins.attrNames (builtins.removeAttrs s [ "a" ]))
  (builtins.attrNames (builtins.intersectAttrs { a = throw "x"; z = 1; } s))
  (builtins.length (builtins.catAttrs "a" [ s { b = 1; } ]))
  (builtins.attrNames (builtins.listToAttrs [ { name = "x"; value = throw "x"; } ]))
  ((builtins.listToAttrs [ { name = "x"; value = 1; } { name = "x"; value = throw "x"; } ]).x)
  (builtins.attrNames (builtins.mapAttrs (n: v: throw "f") s))
  ((builtins.mapAttrs (n: v: v) s).b)
  (builtins.attrNames (builtins.zipAttrsWith (n: vs: throw "f") [ s { d = throw "d"; } ]))
  (builtins.length ((builtins.zipAttrsWith (n: vs: vs) [ s s ]).a))
  (builtins.isAttrs s)
  (builtins.typeOf s)
]
