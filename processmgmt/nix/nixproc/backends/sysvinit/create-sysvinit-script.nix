# createSystemVInitScript: called first with the settings shared by all scripts, then with one
# script's parameters, as nix-processmgmt's create-sysvinit-script.nix is. Every option is declared
# here with its default, so `builtins.functionArgs` lists them; the Java builtin
# builtins.createSystemVInitScript receives both sets fully defaulted and only renders the script.

# The standard environment: its shell interprets the scripts; null: /bin/bash
{ stdenv ? null
# The package set's library (accepted for compatibility; nothing here needs it)
, lib ? null
# Writes text files into the store (accepted for compatibility; the script's builder writes them)
, writeTextFile ? null
# The package providing libslack's daemon; null: `daemon` from PATH
, daemon ? null
# LSB init functions sourced by every script; default: nixproc's
, initFunctions ? import ./init-functions.nix { inherit runtimeDir; }
# Function turning a script's credentials into a package holding dysnomia-support/; null: the script's package holds them
, createCredentials ? null

# Instructions that are carried out before anything else gets executed
, initialInstructions ? ". ${initFunctions}"
# Command that specifies how to start a daemon
, startDaemon ? "start_daemon"
# Path to the executable that daemonizes a foreground process
, startProcessAsDaemon ? (if daemon == null then "daemon" else "${daemon}/bin/daemon")
# Command that specifies how to stop a daemon
, stopDaemon ? "killproc"
# Command that specifies how to reload a daemon
, reloadDaemon ? "killproc"
# Command that evaluates the return value of the previous command
, evaluateCommand ? "evaluate_retval"
# Command that shows the status of a daemon
, statusCommand ? "statusproc"
# Default run time directory where PID files are stored
, runtimeDir ? "/var/run"
# Directory in which log files are stored: STATE/log next to a runtimeDir STATE/run, else /var/log
, logDir ? (let m = builtins.match "(.+)/run" runtimeDir; in if m == null then "/var/log" else "${builtins.head m}/log")
# Directory in which temp files are stored
, tmpDir ? "/tmp"
# The implementation of the restart activity used by all scripts
, restartActivity ? ''
  $0 stop
  sleep 1
  $0 start
''
# Runlevels that exist; `runlevels` of a script are picked from these
, supportedRunlevels ? [ 0 1 2 3 4 5 6 ]
# The minimum start/stop sequence number
, minSequence ? 0
# The maximum start/stop sequence number
, maxSequence ? 99
# Whether user changing functionality should be disabled (no user switch, no credentials in packages)
, forceDisableUserChange ? false
# Seconds a started process must still run after start for start to succeed
, startCheckDelay ? 1
# Seconds rcswitch waits for a process to become ready when its readiness gives no timeout
, readinessTimeout ? 30
}:

{
# A name that identifies the process instance
name ? instanceName
# A name that uniquely identifies each process instance. It is used to generate a unique PID file.
, instanceName ? null
# A description that is added to the comments section
, description ? name
# Global instructions that are executed before any activity gets executed
, globalInstructions ? ""
# If not null, the umask the script and the process run with
, umask ? null
# If not null, the nice level the process runs with
, nice ? null
# If not null, the working directory of the start activity and of the process
, directory ? null
# Packages whose bin/ folders are put in the PATH
, path ? []
# Environment variables of the process (it gets these, PATH, and nothing else of the caller's)
, environment ? {}
# Shell instructions that initialize the state of the process before it starts
, initialize ? ""
# The executable of the process to manage; from it the start, stop, reload, status and restart activities are derived
, process ? null
# Whether the process daemonizes itself; if false, it is daemonized with libslack's daemon
, processIsDaemon ? true
# Whether the output of a daemonized foreground process goes to a log file
, enableDaemonOutputLogging ? true
# Command-line arguments passed to the process
, args ? []
# Path to a PID file that the system should use to manage the process. If null, it will use a default path.
, pidFile ? null
# The user the process runs as. If null, the user privileges will not be changed.
, user ? null
# Signal sent to the process to reload its configuration
, reloadSignal ? "-HUP"
# Instructions per activity: each printed with its activity and description, then its status evaluated
, instructions ? {}
# The raw implementation of activities
, activities ? {}
# Activities to remove from the generated ones
, removeActivities ? []
# Runlevels in which the script is started; it is stopped in the remaining supported ones
, runlevels ? []
# Runlevels in which the script is started (when runlevels is empty)
, defaultStart ? []
# Runlevels in which the script is stopped (when runlevels is empty)
, defaultStop ? []
# Scripts this one depends on: they are started before it and stopped after it
, dependencies ? []
# Groups and users to create for the process ({ groups.NAME = {...}; users.NAME = {...}; })
, credentials ? {}
# When the process is ready after start: { port = N; } or { command = "..."; }, optionally with timeout = SECONDS; null: once it runs
, readiness ? null
# Shell commands run in the build directory after the package is laid out
, postInstall ? ""
}:

if name == null then throw "No process name was specified or can be inferred!"
else

builtins.createSystemVInitScript {
  shell = if stdenv != null && stdenv ? shell then stdenv.shell else "/bin/bash";
  inherit initialInstructions startDaemon startProcessAsDaemon stopDaemon reloadDaemon evaluateCommand
    statusCommand runtimeDir logDir tmpDir restartActivity supportedRunlevels minSequence maxSequence
    forceDisableUserChange startCheckDelay readinessTimeout;
} {
  inherit name instanceName description globalInstructions umask nice directory path environment initialize
    process processIsDaemon enableDaemonOutputLogging args pidFile user reloadSignal instructions activities
    removeActivities runlevels defaultStart defaultStop dependencies credentials readiness postInstall;
  # The credentials as a package of their own, when a createCredentials function is given (never
  # with user changes disabled: then the accounts are not the package's business).
  credentialsPackage =
    if createCredentials == null || credentials == {} || forceDisableUserChange then null
    else createCredentials credentials;
}
