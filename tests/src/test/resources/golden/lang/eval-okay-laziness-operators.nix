# Boolean operators, if and equality stop as soon as the answer is known.
[
  (false && throw "and")
  (true || throw "or")
  (false -> throw "implies")
  (if true then 1 else throw "else")
  ({ a = throw "x"; } == { b = 1; })
  ([ (throw "x") ] == [ 1 2 ])
  ({ a = throw "x"; } != { a = 1; b = 2; })
  (with { a = throw "with"; }; 1)
  (let x = throw "let"; in 2)
  (assert true; 3)
]
