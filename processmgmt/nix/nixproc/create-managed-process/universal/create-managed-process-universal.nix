# createManagedProcess with the generators of every backend we have (sysvinit, systemd,
# supervisord), for the shared state directories: what a processes.nix or constructors.nix
# imports, naming processManager (null: the parameters as JSON).
{ pkgs, runtimeDir, logDir, tmpDir, stateDir ? "/var", forceDisableUserChange ? false, processManager ? null
, ids ? {} }:

let
  basePackages = [ pkgs.coreutils pkgs.gnused pkgs.gnugrep pkgs.inetutils ];

  createCredentials = import ../../create-credentials {
    inherit (pkgs) stdenv lib;
    inherit ids forceDisableUserChange;
  };

  generators = {
    sysvinit = import ../../backends/sysvinit/generate-sysvinit-script.nix {
      inherit (pkgs) lib;
      createSystemVInitScript = import ../../backends/sysvinit/create-sysvinit-script.nix {
        inherit (pkgs) stdenv lib writeTextFile daemon;
        inherit createCredentials runtimeDir logDir tmpDir forceDisableUserChange;
        initFunctions = import ../../backends/sysvinit/init-functions.nix {
          inherit (pkgs) stdenv;
          inherit runtimeDir;
          basePackages = basePackages ++ [ pkgs.sysvinit ];
        };
      };
    };

    systemd = import ../../backends/systemd/generate-systemd-service.nix {
      inherit (pkgs) stdenv lib writeTextFile;
      createSystemdService = import ../../backends/systemd/create-systemd-service.nix {
        inherit (pkgs) writeTextFile stdenv lib;
        inherit createCredentials basePackages forceDisableUserChange;
      };
    };

    supervisord = import ../../backends/supervisord/generate-supervisord-program.nix {
      inherit (pkgs) stdenv lib writeTextFile utillinux;
      inherit runtimeDir forceDisableUserChange;
      createSupervisordProgram = import ../../backends/supervisord/create-supervisord-program.nix {
        inherit (pkgs) writeTextFile stdenv lib supervisor;
        inherit createCredentials basePackages forceDisableUserChange runtimeDir;
      };
    };
  };
in
import ../agnostic/create-managed-process.nix {
  inherit processManager generators;
  inherit (pkgs) stdenv writeTextFile;
}
