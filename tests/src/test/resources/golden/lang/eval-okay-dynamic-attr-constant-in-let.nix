# ${"..."} with a constant string counts as a static name, even in let and inherit
let ${"a"} = 1; s = { b = 2; }; in [ a { inherit (s) ${"b"}; } ]
