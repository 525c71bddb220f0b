let
  inherit (import ./common.nix) mk;
  d = mk { name = "only-drv"; };
in mk { name = "drv-only"; drvFile = builtins.unsafeDiscardOutputDependency d.drvPath; }
