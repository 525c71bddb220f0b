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

        ${lib.concatMapStrings (webapp: ''
          upstream webapp${toString webapp.port} {
            server 127.0.0.1:${toString webapp.port};
          }

          server {
            listen ${toString port};
            server_name ${webapp.dnsName};

            location / {
              proxy_pass http://webapp${toString webapp.port};
            }
          }
        '') webapps}
      }
    '';
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
