# A profile holding every init script of processes.nix and their rc.d links:
#   nix-build profile.nix && rcswitch ./result/etc/rc.d/rc3.d
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, forceDisableUserChange ? false
, portOffset ? 0
}:

let
  buildSystemVInitEnv = import <nixproc/backends/sysvinit/build-sysvinit-env.nix> {
    inherit (pkgs) buildEnv;
  };
in
buildSystemVInitEnv {
  processes = import ./processes.nix {
    inherit pkgs system stateDir forceDisableUserChange portOffset;
  };
}
