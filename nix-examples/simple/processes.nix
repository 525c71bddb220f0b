# The spec's first composition: one web application behind an nginx reverse proxy.
#   nix-build processes.nix -A webapp          (the webapp's init script)
#   nix-build processes.nix --argstr stateDir ~/var -A nginxReverseProxy   (unprivileged: port 8080)
# portOffset is added to every port (the tests use it to stay clear of ports in use).
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, portOffset ? 0
}:

let
  createSystemVInitScript = import ../services/create-sysvinit-script.nix {
    inherit pkgs runtimeDir logDir tmpDir forceDisableUserChange;
  };
  constructors = {
    webapp = import ../services/webapp.nix { inherit createSystemVInitScript pkgs; };
    nginxReverseProxy = import ../services/nginx-reverse-proxy.nix {
      inherit createSystemVInitScript stateDir logDir runtimeDir;
      inherit (pkgs) stdenv writeTextFile nginx;
    };
  };
in
rec {
  webapp = rec {
    port = 5000 + portOffset;
    dnsName = "webapp.local";

    pkg = constructors.webapp {
      inherit port;
    };
  };

  nginxReverseProxy = rec {
    # Port 80 needs root; an unprivileged deployment (any other stateDir) gets 8080.
    port = (if stateDir == "/var" then 80 else 8080) + portOffset;

    pkg = constructors.nginxReverseProxy {
      inherit port;
      webapps = [ webapp ];
    };
  };
}
