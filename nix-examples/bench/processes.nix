# The benchmark's composition: `instances` web applications (the multi-instance example's
# constructors) behind one nginx reverse proxy with a virtual host for each.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, instances ? 1000
}:

let
  constructors = import ../multi-instance/constructors.nix {
    inherit pkgs system stateDir runtimeDir logDir tmpDir forceDisableUserChange;
  };
  webapp = i: rec {
    port = 10000 + i;
    dnsName = "webapp${toString i}.local";
    pkg = constructors.webapp { inherit port; instanceSuffix = toString i; };
  };
  webapps = builtins.genList (i: { name = "webapp${toString (i + 1)}"; value = webapp (i + 1); }) instances;
in
builtins.listToAttrs webapps // {
  nginxReverseProxy = rec {
    port = 8080;
    pkg = constructors.nginxReverseProxy { inherit port; webapps = map (w: w.value) webapps; };
  };
}
