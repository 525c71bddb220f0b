# Node.js counters behind an nginx load balancer, each counter running as its own user and keeping
# its count in its own state directory (made by the script's `initialize`): a composition written in
# the spec's style that neither nix-examples/ nor the greeter composition shares code with.
# processes-v2.nix adds counter3 and leaves counter1 and counter2 as they are.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? (if stateDir == "/var" then "/tmp" else "${stateDir}/tmp")
, forceDisableUserChange ? false
, counters ? 2
}:

let
  constructors = import ./constructors.nix { inherit pkgs stateDir logDir runtimeDir tmpDir forceDisableUserChange; };
  counter = i: {
    name = "counter${toString i}";
    value = rec {
      port = 6000 + i;
      pkg = constructors.counter { instanceSuffix = toString i; inherit port; };
    };
  };
  backends = builtins.listToAttrs (map counter (pkgs.lib.range 1 counters));
in
backends // {
  loadBalancer = rec {
    port = if stateDir == "/var" then 90 else 9090;
    pkg = constructors.loadBalancer { inherit port; backends = builtins.attrValues backends; };
  };
}
