# processes.nix with a third counter. The parameters are named: the profile builder passes a
# processes function only the parameters it declares.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
, stateDir ? "/var"
, forceDisableUserChange ? false
}:

import ./processes.nix { inherit pkgs system stateDir forceDisableUserChange; counters = 3; }
