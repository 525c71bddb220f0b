# createSystemVInitScript composed as the spec's processes.nix does: the state directories, the
# daemon tool, credentials and the LSB init functions with their base packages.
{ pkgs, runtimeDir, logDir, tmpDir, forceDisableUserChange ? false }:

import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
  inherit (pkgs) stdenv writeTextFile daemon;
  inherit runtimeDir logDir tmpDir forceDisableUserChange;

  createCredentials = import <nixproc/create-credentials> {
    inherit (pkgs) stdenv;
    inherit forceDisableUserChange;
  };

  initFunctions = import <nixproc/backends/sysvinit/init-functions.nix> {
    basePackages = [
      pkgs.coreutils
      pkgs.gnused
      pkgs.inetutils
      pkgs.gnugrep
      pkgs.sysvinit
    ];
    inherit (pkgs) stdenv;
    inherit runtimeDir;
  };
}
