# The configuration of an nginx reverse proxy with one virtual host per web application, named by
# the webapp's dnsName and forwarding to its port; everything nginx writes (logs, temp files, PID
# file) is under nginxStateDir. Shared by the sysvinit and the process-manager-agnostic proxies.
{ lib, writeTextFile }:

{ instanceName, nginxStateDir, pidFile, port, webapps }:

writeTextFile {
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

      ${lib.concatMapStrings (dependency: ''
        upstream webapp${toString dependency.port} {
          server 127.0.0.1:${toString dependency.port};
        }
      '') webapps}

      ${lib.concatMapStrings (dependency: ''
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
}
