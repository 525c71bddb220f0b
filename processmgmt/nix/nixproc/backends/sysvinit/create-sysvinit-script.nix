# createSystemVInitScript: called first with the settings shared by all scripts, as
# nix-processmgmt's create-sysvinit-script.nix is ({ stdenv, lib, writeTextFile, daemon,
# initFunctions, createCredentials, runtimeDir, logDir, tmpDir, forceDisableUserChange,
# initialInstructions, startDaemon, startProcessAsDaemon, stopDaemon, reloadDaemon,
# evaluateCommand, statusCommand, restartActivity, supportedRunlevels, minSequence,
# maxSequence }, every one optional), then with one script's parameters (name, process, args,
# activities, instructions, dependencies, credentials, ...). The work is done by the Java builtin
# builtins.createSystemVInitScript; when no initFunctions are given, ours are used.
globalArgs:

builtins.createSystemVInitScript ({
  initFunctions = import ./init-functions.nix {
    runtimeDir = globalArgs.runtimeDir or "/var/run";
  };
} // globalArgs)
