# The spec's nginx reverse proxy with inter-dependencies: three nested functions (what all
# instances share; what makes an instance unique; the inter-dependencies, services that may run
# on other machines). Each inter-dependency gets an upstream at its target's hostname and a
# virtual host by its dnsName. The spec's `dependencies = map (...) dependencies` names nothing
# bound; its evident intent, the inter-dependencies' packages, is what is passed here.
{ createSystemVInitScript, stdenv, writeTextFile, nginx
, runtimeDir, stateDir, logDir
}:

{ port ? 80, instanceSuffix ? "" }:

interDeps:

let
  instanceName = "nginx${instanceSuffix}";
  nginxStateDir = "${stateDir}/${instanceName}";
in
import ./nginx.nix {
  inherit createSystemVInitScript nginx instanceName runtimeDir;
  stateDir = nginxStateDir;

  dependencies = map (dependencyName:
    let
      dependency = builtins.getAttr dependencyName interDeps;
    in
    dependency.pkg
   ) (builtins.attrNames interDeps);

  configFile = writeTextFile {
    name = "nginx.conf";
    text = ''
      error_log ${nginxStateDir}/logs/error.log;
      pid ${runtimeDir}/${instanceName}.pid;

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

        ${stdenv.lib.concatMapStrings (dependencyName:
          let
            dependency = builtins.getAttr dependencyName interDeps;
          in
          ''
            upstream webapp${toString dependency.port} {
              server ${dependency.target.properties.hostname}:${toString dependency.port};
            }
          '') (builtins.attrNames interDeps)}

        ${stdenv.lib.concatMapStrings (dependencyName:
          let
            dependency = builtins.getAttr dependencyName interDeps;
          in
          ''
            server {
              listen ${toString port};
              server_name ${dependency.dnsName};

              location / {
                proxy_pass  http://webapp${toString dependency.port};
              }
            }
          '') (builtins.attrNames interDeps)}
      }
    '';
  };
}
