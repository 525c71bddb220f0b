# A profile (one store path) holding the init.d scripts and rc.d links of a set of processes.
# Two ways to call it:
#  - the spec's: (import ./build-sysvinit-env.nix { inherit (pkgs) buildEnv; }) { processes = ...; }
#  - nix-processmgmt's: import ./build-sysvinit-env.nix { pkgs, exprFile, stateDir, ... }, which
#    imports exprFile (a processes function) and calls it with the parameters it asks for.
{ buildEnv ? null
, pkgs ? null
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, cacheDir ? "${stateDir}/cache"
, spoolDir ? "${stateDir}/spool"
, lockDir ? "${stateDir}/lock"
, libDir ? "${stateDir}/lib"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, callingUser ? null
, callingGroup ? null
, extraParams ? {}
, exprFile ? null
}@args:

let
  profile = buildEnv': processes: buildEnv' {
    name = "rc.d";
    paths = map (processName: (builtins.getAttr processName processes).pkg) (builtins.attrNames processes);
  };
in
if exprFile == null && buildEnv != null then
  { processes }: profile buildEnv processes
else
  let
    _pkgs = if pkgs == null then import <nixpkgs> { inherit system; } else pkgs;
    processesFun = import exprFile;
    processesArgs = builtins.intersectAttrs (builtins.functionArgs processesFun)
      (removeAttrs args [ "buildEnv" "exprFile" "extraParams" ] // { pkgs = _pkgs; inherit system; processManager = "sysvinit"; } // extraParams);
    processes = if exprFile == null then {} else processesFun processesArgs;
  in
  profile (if buildEnv == null then _pkgs.buildEnv else buildEnv) processes
