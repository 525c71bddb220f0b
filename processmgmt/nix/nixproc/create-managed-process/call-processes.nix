# What every backend's build-*-env.nix does with a processes expression: imports exprFile and
# calls it with the arguments its function names (builtins.functionArgs), taken from the
# profile's arguments, the package set, processManager and extraParams (which win). No exprFile
# gives no processes: the empty profile, to undeploy.
{ exprFile, args, pkgs, processManager, extraParams ? {} }:

if exprFile == null then {}
else
  let
    processesFun = import exprFile;
    available = removeAttrs args [ "exprFile" "extraParams" ] // {
      inherit pkgs processManager;
      system = args.system or builtins.currentSystem;
    } // extraParams;
  in
  processesFun (builtins.intersectAttrs (builtins.functionArgs processesFun) available)
