# The constructors of the distributed example: the web application, reachable from other
# machines, and the spec's reverse proxy whose upstreams are its inter-dependencies.
{ pkgs, stateDir, logDir, runtimeDir, tmpDir, forceDisableUserChange }:

let
  createSystemVInitScript = import ../services/create-sysvinit-script.nix {
    inherit pkgs runtimeDir logDir tmpDir forceDisableUserChange;
  };
in
{
  webapp = { port, instanceSuffix ? "" }: import ../services/webapp.nix { inherit createSystemVInitScript pkgs; } {
    inherit port instanceSuffix;
    listenAddress = "0.0.0.0";
  };

  nginxReverseProxy = import ./nginx-reverse-proxy.nix {
    inherit createSystemVInitScript stateDir logDir runtimeDir;
    inherit (pkgs) stdenv writeTextFile nginx;
  };
}
