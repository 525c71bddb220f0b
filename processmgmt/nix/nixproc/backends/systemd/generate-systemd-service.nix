# createManagedProcess's generator for systemd: the foreground process as a Type=simple service
# when there is one, else the daemon as Type=forking with PIDFile=; initialize runs as
# ExecStartPre= (with full privileges when the service changes user).
{ createSystemdService, stdenv, lib, writeTextFile }:

{ name, description, initialize, daemon, daemonArgs, instanceName, pidFile, foregroundProcess
, foregroundProcessArgs, path, environment, directory, umask, nice, user, dependencies, credentials
, overrides, postInstall }:

let
  # A word of a command line as systemd splits it: quoted unless plain; $ and % are doubled so that
  # systemd neither expands variables nor specifiers in it.
  quote = word:
    let s = toString word;
    in if builtins.match "[A-Za-z0-9_./:@+=,-]+" s != null then s
      else "\"" + builtins.replaceStrings [ "\\" "\"" "$" "%" "\n" ] [ "\\\\" "\\\"" "$$" "%%" "\\n" ] s + "\"";
  commandLine = words: lib.concatMapStringsSep " " quote words;

  foreground = foregroundProcess != null;

  prestart = writeTextFile {
    name = "${name}-prestart";
    executable = true;
    text = ''
      #! ${stdenv.shell or "/bin/sh"} -e
    '' + initialize;
  };

  generated = {
    inherit name path environment dependencies credentials postInstall;
    Unit.Description = description;
    Service = {
      Type = if foreground then "simple" else "forking";
      ExecStart = if foreground then commandLine ([ foregroundProcess ] ++ foregroundProcessArgs)
        else commandLine ([ daemon ] ++ daemonArgs);
    } // lib.optionalAttrs (initialize != "") {
      ExecStartPre = lib.optionalString (user != null) "+" + quote prestart;
    } // lib.optionalAttrs (directory != null) { WorkingDirectory = directory; }
      // lib.optionalAttrs (umask != null) { UMask = umask; }
      // lib.optionalAttrs (nice != null) { Nice = nice; }
      // lib.optionalAttrs (!foreground && pidFile != null) { PIDFile = pidFile; }
      // lib.optionalAttrs (user != null) { User = user; };
  };
in
createSystemdService
  (if builtins.isFunction overrides then overrides generated else lib.recursiveUpdate generated overrides)
