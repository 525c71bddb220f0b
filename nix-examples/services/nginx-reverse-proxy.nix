# An nginx reverse proxy (instantiatable) with one virtual host per web application, named by the
# webapp's dnsName and forwarding to its port. Everything nginx writes (logs, temp files, PID
# file) is under stateDir, so that an unprivileged user can run it (with a port above 1024).
{ createSystemVInitScript, stdenv, writeTextFile, nginx
, runtimeDir, stateDir, logDir }:

{ port ? 80, webapps ? [], instanceSuffix ? "" }:

let
  instanceName = "nginx${instanceSuffix}";
  nginxStateDir = "${stateDir}/${instanceName}";
  pidFile = "${runtimeDir}/${instanceName}.pid";

  configFile = import ../services/nginx-reverse-proxy-config.nix { lib = stdenv.lib; inherit writeTextFile; } {
    inherit instanceName nginxStateDir pidFile port webapps;
  };
in
createSystemVInitScript {
  name = instanceName;
  inherit instanceName pidFile;
  description = "Nginx reverse proxy ${instanceName}";
  initialize = ''
    mkdir -p ${nginxStateDir}/logs
  '';
  process = "${nginx}/bin/nginx";
  args = [ "-e" "${nginxStateDir}/logs/error.log" "-c" configFile "-p" nginxStateDir ];
  runlevels = [ 3 4 5 ];
  dependencies = map (webapp: webapp.pkg) webapps;
}
