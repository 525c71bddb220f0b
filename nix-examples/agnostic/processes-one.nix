# A smaller composition of the same constructors: webapp1 behind nginxReverseProxy on 8080, what
# processes.nix upgrades (webapp1 is the same process in both, so it keeps running).
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, processManager ? "sysvinit"
, portOffset ? 0
}:

let
  constructors = import ./constructors.nix {
    inherit pkgs stateDir runtimeDir logDir tmpDir forceDisableUserChange processManager;
  };
in
rec {
  webapp1 = rec {
    port = 5000 + portOffset;
    dnsName = "webapp1.local";

    pkg = constructors.webapp {
      inherit port;
      instanceSuffix = "1";
    };
  };

  nginxReverseProxy = rec {
    port = 8080 + portOffset;

    pkg = constructors.nginxReverseProxy {
      webapps = [ webapp1 ];
      inherit port;
    };
  };
}
