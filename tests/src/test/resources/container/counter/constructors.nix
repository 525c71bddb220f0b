# The constructors of the counter composition: a Node.js counter, and nginx balancing requests
# over a set of them (round robin).
{ pkgs, stateDir, logDir, runtimeDir, tmpDir, forceDisableUserChange }:
let
  createSystemVInitScript = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
    inherit (pkgs) stdenv writeTextFile daemon;
    inherit runtimeDir logDir tmpDir forceDisableUserChange;
    createCredentials = import <nixproc/create-credentials> {
      inherit (pkgs) stdenv;
      inherit forceDisableUserChange;
    };
    initFunctions = import <nixproc/backends/sysvinit/init-functions.nix> {
      basePackages = [ pkgs.coreutils pkgs.gnused pkgs.inetutils pkgs.gnugrep pkgs.sysvinit ];
      inherit (pkgs) stdenv;
      inherit runtimeDir;
    };
  };
  counterApp = pkgs.stdenv.mkDerivation {
    name = "counter-app";
    src = ./app;
    installPhase = ''
      mkdir -p $out/lib $out/bin
      cp server.js $out/lib/
      cat > $out/bin/counter <<EOS
      #!${pkgs.bash}/bin/bash
      exec ${pkgs.nodejs}/bin/node $out/lib/server.js
      EOS
      chmod +x $out/bin/counter
    '';
  };
in
{
  counter = { instanceSuffix ? "", port }:
    let name = "counter${instanceSuffix}"; in
    createSystemVInitScript {
      inherit name;
      instanceName = name;
      process = "${counterApp}/bin/counter";
      processIsDaemon = false;
      runlevels = [ 3 4 5 ];
      environment = { PORT = port; SERVICE = name; DATA_DIR = "${stateDir}/lib/${name}"; };
      initialize = ''
        mkdir -p ${stateDir}/lib/${name}
        ${if forceDisableUserChange then "" else "chown ${name}:${name} ${stateDir}/lib/${name}"}
      '';
      user = name;
      credentials = {
        groups.${name} = {};
        users.${name} = { group = name; description = "Counter ${name}"; };
      };
    };

  loadBalancer = { port, backends }:
    let
      conf = pkgs.writeText "lb.conf" ''
        pid ${runtimeDir}/lb.pid;
        error_log ${logDir}/lb-error.log;
        events {}
        http {
          access_log ${logDir}/lb-access.log;
          client_body_temp_path ${tmpDir}/lb-body;
          proxy_temp_path ${tmpDir}/lb-proxy;
          fastcgi_temp_path ${tmpDir}/lb-fastcgi;
          uwsgi_temp_path ${tmpDir}/lb-uwsgi;
          scgi_temp_path ${tmpDir}/lb-scgi;
          upstream counters {
            ${pkgs.lib.concatMapStrings (b: "server 127.0.0.1:${toString b.port};\n") backends}
          }
          server {
            listen ${toString port};
            location / { proxy_pass http://counters; }
          }
        }
      '';
    in
    createSystemVInitScript {
      name = "lb";
      process = "${pkgs.nginx}/bin/nginx";
      args = [ "-c" conf "-p" stateDir ];
      runlevels = [ 3 4 5 ];
      dependencies = map (b: b.pkg) backends;
    };
}
