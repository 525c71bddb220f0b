let
  inherit (import ./common.nix) mk;
  f = mk { name = "fixed-dep"; outputHash = "sha256-WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM="; };
in mk { name = "after-fixed"; args = [ "-c" "cp ${f} $out" ]; }
