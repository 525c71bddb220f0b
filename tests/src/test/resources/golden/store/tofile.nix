let
  script = builtins.toFile "script.sh" "echo hello";
in (import ./common.nix).mk { name = "runs-script"; args = [ script ]; }
