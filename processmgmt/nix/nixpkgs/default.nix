# The package set `import <nixpkgs> {}` gives when no real nixpkgs is on the search path:
# lib, stdenv, the trivial builders, buildEnv/symlinkJoin and host packages (links to the
# host's executables). See README.md.
{ system ? builtins.currentSystem, ... }:

let
  lib = import ./lib;
  hostPackages = import ./host-packages.nix { inherit system; };
  stdenv = import ./stdenv { inherit lib system hostPackages; };
  trivial = import ./build-support/trivial-builders.nix { inherit lib stdenv; };
  buildenv = import ./build-support/buildenv.nix { inherit lib stdenv; };

  pkgs = hostPackages // trivial // buildenv // {
    inherit lib system stdenv pkgs;
    stdenvNoCC = stdenv;
    runtimeShell = stdenv.shell;
    callPackage = lib.callPackageWith pkgs;
    util-linux = hostPackages.utillinux;
    python = hostPackages.python3;
    bashInteractive = hostPackages.bash;
    python3Packages = { inherit (hostPackages) supervisor; };
    writers = import ./build-support/writers.nix { inherit lib trivial hostPackages; };
    getopt = hostPackages.hostPackage { name = "getopt"; debianPackage = "util-linux"; required = [ "getopt" ]; };
    fetchurl = import ./build-support/fetchurl.nix { inherit lib; };
  };
in
pkgs
