let
  inherit (import ./common.nix) mk;
  a = mk { name = "a"; };
  b = mk { name = "b"; args = [ "-c" "cat ${a} > $out" ]; };
in mk { name = "c"; args = [ "-c" "cat ${b} ${a} > $out" ]; }
