let
  inherit (import ./common.nix) mk;
  d = mk { name = "interp-dep"; };
in mk { name = "interp"; args = [ "-c" "echo ${d.drvPath} > $out" ]; }
