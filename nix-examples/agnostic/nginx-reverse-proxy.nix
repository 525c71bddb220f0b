# An nginx reverse proxy (instantiatable) with one virtual host per web application, written once
# for every process manager: nginx runs both ways, as a daemon for sysvinit and with
# `-g 'daemon off;'` in the foreground for systemd and supervisord. Everything nginx writes is
# under stateDir, so that an unprivileged user can run it (with a port above 1024).
{ createManagedProcess, lib, writeTextFile, nginx, runtimeDir, stateDir }:

{ port ? 80, webapps ? [], instanceSuffix ? "" }:

let
  instanceName = "nginx${instanceSuffix}";
  nginxStateDir = "${stateDir}/${instanceName}";
  pidFile = "${runtimeDir}/${instanceName}.pid";

  configFile = import ../services/nginx-reverse-proxy-config.nix { inherit lib writeTextFile; } {
    inherit instanceName nginxStateDir pidFile port webapps;
  };
in
createManagedProcess {
  inherit instanceName pidFile;
  description = "Nginx reverse proxy ${instanceName}";
  initialize = ''
    mkdir -p ${nginxStateDir}/logs
  '';
  process = "${nginx}/bin/nginx";
  args = [ "-e" "${nginxStateDir}/logs/error.log" "-c" configFile "-p" nginxStateDir ];
  foregroundProcessExtraArgs = [ "-g" "daemon off;" ];
  dependencies = map (webapp: webapp.pkg) webapps;
}
