# The second version of processes.nix: greeter2 greets differently, greeter3 is new.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, forceDisableUserChange ? false
}:

import ./processes.nix {
  inherit pkgs system stateDir forceDisableUserChange;
  version = 2;
}
