# `//` forces both operands to sets, not their attributes.
[
  (({ a = throw "x"; } // { b = 1; }).b)
  (builtins.attrNames ({ a = throw "x"; } // { b = throw "y"; }))
  (({ a = throw "x"; } // { a = 2; }).a)
  (({ a = 1; } // { b = throw "y"; }) ? b)
]
