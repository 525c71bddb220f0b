# createManagedProcess's generator for sysvinit: daemon mode when the process has a daemon (the
# init script's start_daemon), else the foreground process, which createSystemVInitScript runs
# through `daemon`. Started in runlevels 3, 4 and 5 unless overrides say otherwise.
{ createSystemVInitScript, lib }:

{ name, description, initialize, daemon, daemonArgs, instanceName, pidFile, foregroundProcess
, foregroundProcessArgs, path, environment, directory, umask, nice, user, dependencies, credentials
, overrides, postInstall }:

let
  isDaemon = daemon != null;
  generated = {
    inherit name description initialize instanceName path environment directory umask nice user
      dependencies credentials postInstall;
    process = if isDaemon then daemon else foregroundProcess;
    args = if isDaemon then daemonArgs else foregroundProcessArgs;
    processIsDaemon = isDaemon;
    runlevels = [ 3 4 5 ];
  } // lib.optionalAttrs (pidFile != null) { inherit pidFile; };
in
createSystemVInitScript
  (if builtins.isFunction overrides then overrides generated else lib.recursiveUpdate generated overrides)
