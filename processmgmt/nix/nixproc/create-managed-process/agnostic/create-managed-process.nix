# createManagedProcess: one process described once, for any process manager. Called first with
# the process manager and its generators (functions from the parameters below, normalised, to
# that backend's configuration), then with the process's parameters. A process gives `process`
# (runs both ways), or `daemon` and/or `foregroundProcess`; each backend picks the mode it prefers.
# processManager = null gives the parameters as JSON instead (NAME.json).
{ processManager, generators ? {}, stdenv ? null, writeTextFile }:

{
# The process instance's name (default: instanceName)
name ? instanceName
# A human-readable description
, description ? name
# Shell commands that prepare the process's state; they run as root before it starts
, initialize ? ""
# An executable that runs both as a daemon and in the foreground
, process ? null
# Arguments of the process in both modes
, args ? []
# The executable that forks into the background (daemon mode)
, daemon ? process
# Arguments added to args in daemon mode
, daemonExtraArgs ? []
# All arguments in daemon mode
, daemonArgs ? (args ++ daemonExtraArgs)
# A name unique among the instances of a process, for its default PID file
, instanceName ? null
# The PID file a daemon writes (null: the backend's default)
, pidFile ? null
# The executable that stays in the foreground (foreground mode)
, foregroundProcess ? process
# Arguments added to args in foreground mode
, foregroundProcessExtraArgs ? []
# All arguments in foreground mode
, foregroundProcessArgs ? (args ++ foregroundProcessExtraArgs)
# Packages whose bin/ directories are in PATH
, path ? []
# Environment variables of the process
, environment ? {}
# The working directory (null: unchanged)
, directory ? null
# The umask (null: unchanged)
, umask ? null
# The nice level (null: unchanged)
, nice ? null
# The user the process runs as (null: unchanged)
, user ? null
# Processes (their packages) that must run before this one
, dependencies ? []
# The groups and users to create
, credentials ? {}
# Per process manager: an attribute set merged recursively into the generated parameters, or a
# function from them to the parameters, e.g. overrides.sysvinit.runlevels = [ 3 4 5 ]
, overrides ? {}
# Shell commands run at the end of the package's build
, postInstall ? ""
}@properties:

if name == null then throw "createManagedProcess: no name given, and no instanceName to take it from"
else if daemon == null && foregroundProcess == null then throw "createManagedProcess: process '${name}' gives neither process, daemon nor foregroundProcess"
else if processManager == null then
  import ./create-agnostic-config.nix { inherit stdenv writeTextFile; } (properties // { inherit name; })
else if !(generators ? ${processManager}) then throw "createManagedProcess: unknown process manager '${processManager}'"
else generators.${processManager} {
  inherit name description initialize daemon daemonArgs instanceName pidFile foregroundProcess
    foregroundProcessArgs path environment directory umask nice user dependencies credentials postInstall;
  overrides = overrides.${processManager} or {};
}
