# `e ? a.b` forces e and e.a, never e.a.b.
[
  ({ b = throw "boom"; } ? b)
  (let s = { b = s ? b; }; in s.b)
  ({ a = { b = throw "boom"; }; } ? a.b)
  ({ a = { b = throw "boom"; }; } ? a.c)
  ({ a = 1; } ? a.b)
  ({ ${"dyn"} = throw "boom"; } ? ${"dyn"})
  (let x = throw "boom"; in { inherit x; } ? x)
  (let a = { "*" = "star: ${if a ? "*" then "yes" else "no"}"; }; in a."*")
]
