# Constructors in the style of the spec: each takes the parameters of an instance and returns
# its process configuration. Until the process-management builtins exist, a "process" here is
# the data an init script is generated from.
{ stateDir ? "/var", forceDisableUserChange ? false }:

let
  runtimeDir = "${stateDir}/run";
  logDir = "${stateDir}/log";
  user = name: if forceDisableUserChange then null else name;
in
{
  webapp = { instanceSuffix ? "", port ? 5000 }:
    let name = "webapp${instanceSuffix}"; in {
      inherit name port;
      description = "Simple web application ${name}";
      process = "webapp";
      environment = { PORT = toString port; };
      pidFile = "${runtimeDir}/${name}.pid";
      user = user name;
      runlevels = [ 3 4 5 ];
      dependencies = [ ];
    };

  nginxReverseProxy = { port ? 8080, webapps ? [ ] }: {
    name = "nginx";
    inherit port;
    description = "Nginx reverse proxy for ${toString (map (w: w.name) webapps)}";
    process = "nginx";
    args = [ "-c" "${stateDir}/etc/nginx.conf" "-p" "${stateDir}" ];
    pidFile = "${runtimeDir}/nginx.pid";
    logFile = "${logDir}/nginx.log";
    user = user "nginx";
    runlevels = [ 3 4 5 ];
    dependencies = webapps;
    virtualHosts = map (w: { serverName = "${w.name}.local"; upstream = "localhost:${toString w.port}"; }) webapps;
  };
}
