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

  configFile = writeTextFile {
    name = "${instanceName}.conf";
    text = ''
      error_log ${nginxStateDir}/logs/error.log;
      pid ${pidFile};

      events {
        worker_connections 1024;
      }

      http {
        access_log ${nginxStateDir}/logs/access.log;
        client_body_temp_path ${nginxStateDir}/client_body;
        proxy_temp_path ${nginxStateDir}/proxy;
        fastcgi_temp_path ${nginxStateDir}/fastcgi;
        uwsgi_temp_path ${nginxStateDir}/uwsgi;
        scgi_temp_path ${nginxStateDir}/scgi;

        ${stdenv.lib.concatMapStrings (dependency: ''
          upstream webapp${toString dependency.port} {
            server 127.0.0.1:${toString dependency.port};
          }
        '') webapps}

        ${stdenv.lib.concatMapStrings (dependency: ''
          server {
            listen ${toString port};
            server_name ${dependency.dnsName};

            location / {
              proxy_pass  http://webapp${toString dependency.port};
            }
          }
        '') webapps}
      }
    '';
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
