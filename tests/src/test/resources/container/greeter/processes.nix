# Python greeting services behind an nginx reverse proxy, each greeter running as its own user:
# a composition written in the spec's style that none of nix-examples/ shares code with.
# version 2 (processes-v2.nix) changes greeter2's greeting and adds greeter3; greeter1 stays as it is.
# broken = true adds a process that cannot start; crashing = true one that starts, says why it
# cannot go on and exits, so that its port never opens.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, version ? 1
, broken ? false
, crashing ? false
}:

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

  server = pkgs.writeScript "greeter.py" ''
    #!${pkgs.python3}/bin/python3
    import http.server, os, pwd

    class Greeter(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            user = pwd.getpwuid(os.getuid()).pw_name
            if self.path == "/pid":
                body = ("%d\n" % os.getpid()).encode()
            else:
                body = ("%s from %s (user %s)\n" % (os.environ["GREETING"], os.environ["NAME"], user)).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Greeter).serve_forever()
  '';

  greeter = { name, port, greeting ? "Hello" }: {
    inherit port;
    dnsName = "${name}.local";
    pkg = createSystemVInitScript {
      inherit name;
      instanceName = name;
      description = "Greeter ${name}";
      process = server;
      processIsDaemon = false;
      runlevels = [ 3 4 5 ];
      environment = {
        PORT = port;
        NAME = name;
        GREETING = greeting;
      };
      user = name;
      credentials = {
        groups.${name} = {};
        users.${name} = {
          group = name;
          description = "Greeter ${name}";
        };
      };
    };
  };

  proxy = { port, upstreams }:
    let
      dir = "${stateDir}/proxy";
      conf = pkgs.writeText "proxy.conf" ''
        error_log ${dir}/error.log;
        pid ${runtimeDir}/proxy.pid;
        events {}
        http {
          access_log ${dir}/access.log;
          client_body_temp_path ${dir}/body;
          proxy_temp_path ${dir}/proxy;
          fastcgi_temp_path ${dir}/fastcgi;
          uwsgi_temp_path ${dir}/uwsgi;
          scgi_temp_path ${dir}/scgi;
          ${pkgs.lib.concatMapStrings (u: ''
            server {
              listen ${toString port};
              server_name ${u.dnsName};
              location / { proxy_pass http://127.0.0.1:${toString u.port}; }
            }
          '') upstreams}
        }
      '';
    in
    {
      inherit port;
      pkg = createSystemVInitScript {
        name = "proxy";
        description = "Reverse proxy";
        initialize = "mkdir -p ${dir}";
        process = "${pkgs.nginx}/bin/nginx";
        args = [ "-e" "${dir}/error.log" "-c" conf "-p" dir ];
        pidFile = "${runtimeDir}/proxy.pid";
        runlevels = [ 3 4 5 ];
        dependencies = map (u: u.pkg) upstreams;
      };
    };

  greeters = {
    greeter1 = greeter { name = "greeter1"; port = 7001; };
    greeter2 = greeter { name = "greeter2"; port = 7002; greeting = if version == 1 then "Hello" else "Howdy"; };
  } // pkgs.lib.optionalAttrs (version >= 2) {
    greeter3 = greeter { name = "greeter3"; port = 7003; greeting = "Hi"; };
  };
in
greeters // {
  proxy = proxy {
    port = if stateDir == "/var" then 80 else 8080;
    upstreams = builtins.attrValues greeters;
  };
} // pkgs.lib.optionalAttrs crashing {
  crashing = {
    pkg = createSystemVInitScript {
      name = "crashing";
      description = "A process that stops at once";
      process = pkgs.writeScript "crashing" ''
        #!${pkgs.bash}/bin/bash
        echo "crashing: no configuration in ${stateDir}/crashing.conf" >&2
        exit 3
      '';
      processIsDaemon = false;
      runlevels = [ 3 4 5 ];
    };
  };
} // pkgs.lib.optionalAttrs broken {
  broken = {
    pkg = createSystemVInitScript {
      name = "broken";
      description = "A process that cannot start";
      process = "${pkgs.coreutils}/bin/false";
      runlevels = [ 3 4 5 ];
    };
  };
}
