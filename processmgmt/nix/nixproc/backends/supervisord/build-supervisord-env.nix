# A profile of supervisord programs (conf.d/*.conf) built from a processes expression, as
# nix-processmgmt's build-supervisord-env.nix, with a supervisord.conf that includes them, keeps
# supervisord's log and PID file under logDir and runtimeDir, and is controlled through a Unix
# socket in runtimeDir that only its owner may use (never a TCP port open to the network).
# nixproc-build -P supervisord FILE builds it.
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
, processManager ? "supervisord"
}@args:

let
  processes = import ../../create-managed-process/call-processes.nix {
    inherit exprFile pkgs processManager extraParams;
    args = args // { inherit stateDir runtimeDir logDir cacheDir spoolDir lockDir libDir tmpDir forceDisableUserChange; };
  };

  supervisordConf = pkgs.writeTextFile {
    name = "supervisord.conf";
    destination = "/supervisord.conf";
    text = ''
      [supervisord]
      logfile=${logDir}/supervisord.log
      pidfile=${runtimeDir}/supervisord.pid
      childlogdir=${logDir}

      [unix_http_server]
      file=${runtimeDir}/supervisord.sock
      chmod=0700

      [supervisorctl]
      serverurl=unix://${runtimeDir}/supervisord.sock

      [rpcinterface:supervisor]
      supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface

      [include]
      files=conf.d/*.conf
    '';
  };
in
pkgs.buildEnv {
  name = "supervisord.d";
  paths = [ supervisordConf ] ++ map (n: processes.${n}.pkg) (builtins.attrNames processes);
}
