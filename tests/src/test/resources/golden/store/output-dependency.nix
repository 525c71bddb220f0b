let
  inherit (import ./common.nix) mk;
  m = mk { name = "m"; outputs = [ "out" "lib" ]; };
in mk { name = "uses-lib"; libDir = "${m.lib}/lib"; }
