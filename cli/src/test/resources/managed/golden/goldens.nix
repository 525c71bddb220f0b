# The cases of ManagedGoldenTest: each attribute is built and every file of its output compared
# with NAME.txt beside this file (store paths written as /nix/store/HASH-name).
let
  realPkgs = import <nixpkgs> {};
  # nginx and Node.js as host packages that need not be installed: only their paths matter here.
  pkgs = realPkgs // {
    nginx = realPkgs.hostPackage { name = "nginx"; debianPackage = "nginx-light"; };
    nodejs = realPkgs.hostPackage { name = "nodejs"; mainProgram = "node"; };
  };
  inherit (pkgs) lib;

  specUnit = forceDisableUserChange: import ./spec/webapp-systemd.nix {
    inherit (pkgs) stdenv;
    createSystemdService = import <nixproc/backends/systemd/create-systemd-service.nix> {
      inherit (pkgs) writeTextFile stdenv lib;
      inherit forceDisableUserChange;
      createCredentials = import <nixproc/create-credentials> { inherit forceDisableUserChange; };
      basePackages = [];
    };
  } { port = 5000; };

  specProgram = import ./spec/webapp-supervisord.nix {
    inherit (pkgs) stdenv;
    createSupervisordProgram = import <nixproc/backends/supervisord/create-supervisord-program.nix> {
      inherit (pkgs) writeTextFile stdenv lib;
      createCredentials = import <nixproc/create-credentials> {};
      basePackages = [];
      runtimeDir = "/var/run";
    };
  } { port = 5000; instanceSuffix = "2"; };

  profile = processManager: forceDisableUserChange:
    import (<nixproc/backends> + "/${processManager}/build-${processManager}-env.nix") {
      inherit pkgs forceDisableUserChange;
      stateDir = if forceDisableUserChange then "/home/u/var" else "/var";
      exprFile = ../../../../../../nix-examples/agnostic/processes.nix;
    };

  # What the generators make of processes that are daemons only, or that change user and
  # initialize, or with odd characters in their arguments and environment.
  variants = processManager: forceDisableUserChange:
    let
      createManagedProcess = import <nixproc/create-managed-process/universal/create-managed-process-universal.nix> {
        inherit pkgs processManager forceDisableUserChange;
        stateDir = "/var";
        runtimeDir = "/var/run";
        logDir = "/var/log";
        tmpDir = "/tmp";
      };
      daemonOnly = createManagedProcess {
        name = "legacyd";
        daemon = "/opt/legacy/bin/legacyd";
        daemonArgs = [ "--pid" "/var/run/legacyd.pid" "100%" "it's \"odd\"" ];
        pidFile = "/var/run/legacyd.pid";
        user = "legacy";
        initialize = "mkdir -p /var/lib/legacy";
        environment.GREETING = "a \"quoted\" $HOME 50%";
        credentials.users.legacy = { group = "legacy"; description = "Legacy"; };
        credentials.groups.legacy = {};
      };
      foreground = createManagedProcess {
        instanceName = "worker";
        process = "/opt/worker/bin/worker";
        args = [ "-v" ];
        foregroundProcessExtraArgs = [ "--foreground" ];
        daemonExtraArgs = [ "--daemon" ];
        initialize = "mkdir -p /var/lib/worker";
        user = "worker";
        directory = "/var/lib/worker";
        umask = "0022";
        nice = 5;
        dependencies = [ daemonOnly ];
        overrides = {
          systemd.Service.Restart = "always";
          supervisord.autorestart = true;
          sysvinit.runlevels = [ 2 3 ];
        };
      };
    in
    realPkgs.buildEnv { name = "variants"; paths = [ daemonOnly foreground ]; };
in
{
  spec-systemd = specUnit false;
  spec-systemd-unprivileged = specUnit true;
  spec-supervisord = specProgram;

  agnostic-sysvinit = profile "sysvinit" false;
  agnostic-sysvinit-unprivileged = profile "sysvinit" true;
  agnostic-systemd = profile "systemd" false;
  agnostic-systemd-unprivileged = profile "systemd" true;
  agnostic-supervisord = profile "supervisord" false;
  agnostic-supervisord-unprivileged = profile "supervisord" true;

  variants-sysvinit = variants "sysvinit" false;
  variants-systemd = variants "systemd" false;
  variants-systemd-unprivileged = variants "systemd" true;
  variants-supervisord = variants "supervisord" false;
  variants-supervisord-unprivileged = variants "supervisord" true;

  # processManager = null: the parameters as JSON.
  agnostic-json = (import ../../../../../../nix-examples/agnostic/processes-one.nix {
    inherit pkgs;
    processManager = null;
  }).webapp1.pkg;
}
