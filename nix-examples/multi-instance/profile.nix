# A profile holding every init script of the multi-instance processes.nix and their rc.d links:
#   nix-build profile.nix && rcswitch ./result/etc/rc.d/rc3.d
# processesFile: another composition, such as ./processes-one.nix.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, forceDisableUserChange ? false
, portOffset ? 0
, processesFile ? ./processes.nix
}:

let
  buildSystemVInitEnv = import <nixproc/backends/sysvinit/build-sysvinit-env.nix> {
    inherit (pkgs) buildEnv;
  };
in
buildSystemVInitEnv {
  processes = import processesFile {
    inherit pkgs system stateDir forceDisableUserChange portOffset;
  };
}
