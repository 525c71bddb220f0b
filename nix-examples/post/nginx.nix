# Not shown in the post: the nginx process that nginx-reverse-proxy.nix imports, written as the
# post's nginx expressions are (process and args, an instance name for its PID file).
{ createSystemVInitScript, nginx, configFile, stateDir
, instanceSuffix ? "", dependencies ? []
}:

let
  instanceName = "nginx${instanceSuffix}";
in
createSystemVInitScript {
  name = instanceName;
  inherit instanceName;
  description = "Nginx";
  initialize = ''
    mkdir -p ${stateDir}/logs
  '';
  process = "${nginx}/bin/nginx";
  # -e: Debian's nginx opens its compiled-in /var/log/nginx/error.log before reading the configuration
  args = [ "-e" "${stateDir}/logs/error.log" "-c" configFile "-p" stateDir ];
  runlevels = [ 3 4 5 ];
  inherit dependencies;
}
