# The profile of the benchmark's composition (processes.nix).
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, forceDisableUserChange ? false
, instances ? 1000
}:

(import <nixproc/backends/sysvinit/build-sysvinit-env.nix> { inherit (pkgs) buildEnv; }) {
  processes = import ./processes.nix { inherit pkgs system stateDir forceDisableUserChange instances; };
}
