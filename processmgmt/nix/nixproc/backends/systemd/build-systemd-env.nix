# A profile of systemd units (etc/systemd/system/*.service) built from a processes expression, as
# nix-processmgmt's build-systemd-env.nix: nixproc-build -P systemd FILE builds it.
{ pkgs ? import <nixpkgs> { inherit system; }
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
, processManager ? "systemd"
}@args:

let
  processes = import ../../create-managed-process/call-processes.nix {
    inherit exprFile pkgs processManager extraParams;
    args = args // { inherit stateDir runtimeDir logDir cacheDir spoolDir lockDir libDir tmpDir forceDisableUserChange; };
  };
in
pkgs.buildEnv {
  name = "systemd";
  paths = map (n: processes.${n}.pkg) (builtins.attrNames processes);
}
