let s = { __toString = self: "custom:${toString self.v}"; v = 7; }; o = { outPath = "/some/out"; }; in [ (toString s) "${s}" (toString o) "${o}" (toString { outPath = s; }) ]
