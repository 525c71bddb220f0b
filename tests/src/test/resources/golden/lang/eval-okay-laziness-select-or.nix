# `e.a or d` forces what it walks through, and d only when a step fails.
[
  ({ a = 1; }.a or (throw "default"))
  ({ a = { b = throw "x"; }; }.a.c or 2)
  ({ a = 1; }.a.b or 3)
  ({ a = 1; b = throw "x"; }.a)
  (rec { a = 1; b = throw "x"; }.a)
  ((x: x.a or 4) 5)
]
