# The web application process (instantiatable), written once for every process manager: Node.js
# stays in the foreground, so sysvinit runs it through `daemon`, systemd as a simple service and
# supervisord as it is. Deployed as root (without forceDisableUserChange) each instance runs as
# its own user, created from `credentials`.
{ createManagedProcess, pkgs }:
{ port, instanceSuffix ? "" }:

let
  webapp = (import ../webapp { inherit pkgs; }).package;
  instanceName = "webapp${instanceSuffix}";
in
createManagedProcess {
  inherit instanceName;
  description = "Web application ${instanceName}";
  foregroundProcess = "${webapp}/lib/node_modules/webapp/app.js";
  environment = {
    PORT = port;
    INSTANCE_NAME = instanceName;
  };
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
