# The processes of the switch tests, built from the shell alone: `first` marks itself ready half a
# second after it starts; `second` depends on it and fails at once unless it is ready; `legacy`
# is a daemon only (it forks and writes a PID file). `generation` changes what `second` runs;
# `patience` is how many seconds `second` waits for `first` (0: not at all).
{ pkgs ? import <nixpkgs> {}
, stateDir ? "/var"
, runtimeDir ? "${stateDir}/run"
, logDir ? "${stateDir}/log"
, tmpDir ? "${stateDir}/tmp"
, forceDisableUserChange ? true
, processManager
, generation ? 1
, patience ? 0
}:

let
  createManagedProcess = import <nixproc/create-managed-process/universal/create-managed-process-universal.nix> {
    inherit pkgs stateDir runtimeDir logDir tmpDir forceDisableUserChange processManager;
  };
  sh = "${pkgs.bash}/bin/bash";
in
rec {
  first = {
    pkg = createManagedProcess {
      name = "first";
      initialize = "mkdir -p ${stateDir}/first; rm -f ${stateDir}/first/ready";
      foregroundProcess = sh;
      args = [ "-c" "sleep 0.5; touch ${stateDir}/first/ready; exec sleep 1000" ];
    };
  };

  second = {
    pkg = createManagedProcess {
      name = "second";
      foregroundProcess = sh;
      args = [ "-c" ("for i in $(seq ${toString (patience * 10)}); do test -e ${stateDir}/first/ready && break; sleep 0.1; done;"
        + " test -e ${stateDir}/first/ready || exit 1; exec sleep ${toString (1000 + generation)}") ];
      dependencies = [ first.pkg ];
    };
  };
} // (if generation == 1 then {
  legacy = {
    pkg = createManagedProcess {
      name = "legacy";
      daemon = sh;
      # The forked child is the daemon's own executable, as a real daemon's is: init scripts
      # trust a PID file only for a process running the program.
      daemonArgs = [ "-c" "(while :; do sleep 1; done) > /dev/null 2>&1 & echo $! > ${runtimeDir}/legacy.pid" ];
      pidFile = "${runtimeDir}/legacy.pid";
    };
  };
} else {})
