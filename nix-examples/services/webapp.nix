# The web application process (instantiatable): the outer function takes what all instances
# share, the inner one what makes an instance unique. Deployed as root (without
# forceDisableUserChange) each instance runs as its own user, created from `credentials`.
# listenAddress (default: 127.0.0.1 only) opens it to other machines.
{ createSystemVInitScript, pkgs }:
{ port, instanceSuffix ? "", listenAddress ? null }:

let
  webapp = (import ../webapp { inherit pkgs; }).package;
  instanceName = "webapp${instanceSuffix}";
in
createSystemVInitScript {
  name = instanceName;
  inherit instanceName;
  description = "Web application ${instanceName}";
  process = "${webapp}/lib/node_modules/webapp/app.js";
  processIsDaemon = false;
  runlevels = [ 3 4 5 ];
  environment = {
    PORT = port;
    INSTANCE_NAME = instanceName;
  } // pkgs.lib.optionalAttrs (listenAddress != null) { LISTEN_ADDRESS = listenAddress; };
  user = instanceName;

  credentials = {
    groups = {
      "${instanceName}" = {};
    };
    users = {
      "${instanceName}" = {
        group = instanceName;
        description = "Webapp";
      };
    };
  };
}
