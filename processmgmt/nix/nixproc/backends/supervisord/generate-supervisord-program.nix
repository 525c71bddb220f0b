# createManagedProcess's generator for supervisord, which runs processes in the foreground: the
# foreground process when there is one; else the daemon behind a proxy script that starts it,
# waits for its PID file and stays until that process ends (forwarding TERM and INT to it).
# initialize runs in a wrapper script first, which then execs the process; when the process
# changes user, the wrapper runs as root and drops to the user itself (setpriv), as supervisord's
# own `user` would run initialize as the user. nice runs the process through nice(1).
{ createSupervisordProgram, stdenv, lib, writeTextFile, runtimeDir, forceDisableUserChange ? false
, utillinux ? null }:

{ name, description, initialize, daemon, daemonArgs, instanceName, pidFile, foregroundProcess
, foregroundProcessArgs, path, environment, directory, umask, nice, user, dependencies, credentials
, overrides, postInstall }:

let
  foreground = foregroundProcess != null;
  q = lib.escapeShellArg;
  # Wrapped when the script has to run first, or to watch a daemon.
  wrapped = !foreground || initialize != "";
  # The wrapper changes user itself; supervisord's `user` would run all of it as the user.
  wrapperChangesUser = wrapped && user != null && !forceDisableUserChange;
  setpriv = if utillinux == null then "setpriv" else "${utillinux}/bin/setpriv";
  asUser = lib.optionalString wrapperChangesUser
    "${setpriv} --reuid=${q user} --regid=\"$(id -g ${q user})\" --init-groups -- ";

  daemonPidFile = if pidFile != null then pidFile
    else "${runtimeDir}/${if instanceName != null then instanceName else name}.pid";

  wrapper = writeTextFile {
    name = "${name}-${if foreground then "wrapper" else "foregroundproxy"}";
    executable = true;
    text = ''
      #! ${stdenv.shell or "/bin/sh"} -e
    '' + initialize + "\n" + (if foreground then ''
      exec ${asUser}"$@"
    '' else ''
      rm -f ${q daemonPidFile}
      ${asUser}"$@"
      tries=0
      while [ ! -s ${q daemonPidFile} ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
          echo "${name}: no PID file ${daemonPidFile} after 10 seconds" >&2
          exit 1
        fi
        sleep 0.1
      done
      pid=$(cat ${q daemonPidFile})
      trap 'kill -TERM "$pid" 2>/dev/null' TERM
      trap 'kill -INT "$pid" 2>/dev/null' INT
      while kill -0 "$pid" 2>/dev/null; do
        sleep 1 &
        wait $! || true
      done
    '');
  };

  # supervisord splits the command as a shell does and interpolates %(...)s: words are quoted
  # unless plain, and % is doubled.
  word = w: let s = toString w; in if builtins.match "[A-Za-z0-9_./:@+=,-]+" s != null then s else q s;
  commandLine = words: builtins.replaceStrings [ "%" ] [ "%%" ] (lib.concatMapStringsSep " " word words);
  executable = if foreground then foregroundProcess else daemon;
  arguments = if foreground then foregroundProcessArgs else daemonArgs;

  generated = {
    inherit name path environment dependencies credentials postInstall;
    command = commandLine ((lib.optional wrapped wrapper)
      ++ lib.optionals (nice != null) [ "nice" "-n" (toString nice) ] ++ [ executable ] ++ arguments);
  } // lib.optionalAttrs (directory != null) { inherit directory; }
    // lib.optionalAttrs (umask != null) { inherit umask; }
    // lib.optionalAttrs (user != null && !wrapperChangesUser) { inherit user; };
in
createSupervisordProgram
  (if builtins.isFunction overrides then overrides generated else lib.recursiveUpdate generated overrides)
