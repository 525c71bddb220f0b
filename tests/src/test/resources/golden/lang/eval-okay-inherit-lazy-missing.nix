# inherit (s) of a missing attribute fails only when forced
let s = { a = 1; }; r = { inherit (s) a missing; }; in [ r.a (builtins.attrNames r) ]
