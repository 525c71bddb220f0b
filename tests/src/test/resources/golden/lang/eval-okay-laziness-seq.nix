# seq forces to weak head normal form, deepSeq everything but function bodies.
[
  (builtins.seq { a = throw "a"; } 1)
  (builtins.seq [ (throw "x") ] 2)
  (builtins.seq (x: throw "x") 3)
  (builtins.deepSeq (x: throw "x") 4)
  (builtins.deepSeq { a = { b = [ 1 { c = x: throw "x"; } ]; }; } 5)
  (builtins.seq 1 { a = throw "not forced by seq"; } ? a)
  ((builtins.tryEval { a = throw "a"; }).success)
  (builtins.tryEval (throw "x"))
  (builtins.tryEval (builtins.deepSeq [ (throw "x") ] 1))
]
