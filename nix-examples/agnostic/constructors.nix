# The constructors expression of the agnostic composition: createManagedProcess for the chosen
# process manager (sysvinit, systemd, supervisord, or null for the parameters as JSON), then a
# function per kind of process.
{ pkgs
, stateDir
, logDir
, runtimeDir
, tmpDir
, forceDisableUserChange ? false
, processManager
}:

let
  createManagedProcess = import <nixproc/create-managed-process/universal/create-managed-process-universal.nix> {
    inherit pkgs stateDir runtimeDir logDir tmpDir forceDisableUserChange processManager;
  };
in
{
  webapp = import ./webapp.nix {
    inherit createManagedProcess pkgs;
  };

  nginxReverseProxy = import ./nginx-reverse-proxy.nix {
    inherit createManagedProcess stateDir runtimeDir;
    inherit (pkgs) lib writeTextFile nginx;
  };
}
