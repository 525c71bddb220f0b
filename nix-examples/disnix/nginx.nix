# An nginx process with a given configuration file, as the spec's reverse proxy imports it:
# everything it writes is under stateDir; `dependencies` are started before it.
{ createSystemVInitScript, nginx, instanceName, runtimeDir, stateDir, configFile, dependencies ? [] }:

createSystemVInitScript {
  name = instanceName;
  inherit instanceName dependencies;
  pidFile = "${runtimeDir}/${instanceName}.pid";
  description = "Nginx ${instanceName}";
  initialize = ''
    mkdir -p ${stateDir}/logs
  '';
  process = "${nginx}/bin/nginx";
  args = [ "-e" "${stateDir}/logs/error.log" "-c" configFile "-p" stateDir ];
  runlevels = [ 3 4 5 ];
}
