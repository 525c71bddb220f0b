# What a builtin forced shows as a value, what it did not as <CODE>.
let
  l = [ (1 + 1) (2 + 2) (3 + 3) ];
  s = { a = 1 + 1; b = 2 + 2; };
  r = { a = 5 + 5; b = 6 + 6; };
  h = { a = { b = 7 + 7; }; };
in
builtins.seq (builtins.elemAt l 1)
  (builtins.seq (s.b) (builtins.seq (r ? b) (builtins.seq (h ? a.b) { inherit l s r h; })))
