let
  inner = builtins.toFile "inner" "x";
  f = builtins.toFile "refers.txt" "uses ${inner}";
in (import ./common.nix).mk { name = "uses-tofile"; conf = f; }
