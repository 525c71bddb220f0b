# The constructors expression: for each kind of process, a function making one instance of it
# from the instance's own parameters (port, instanceSuffix, ...).
{ pkgs
, system
, stateDir
, logDir
, runtimeDir
, tmpDir
, forceDisableUserChange ? false
}:

let
  createSystemVInitScript = import ../services/create-sysvinit-script.nix {
    inherit pkgs runtimeDir logDir tmpDir forceDisableUserChange;
  };
in
{
  webapp = import ../services/webapp.nix {
    inherit createSystemVInitScript pkgs;
  };

  nginxReverseProxy = import ../services/nginx-reverse-proxy.nix {
    inherit createSystemVInitScript stateDir logDir runtimeDir;
    inherit (pkgs) stdenv writeTextFile nginx;
  };
}
