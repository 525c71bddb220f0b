# createSupervisordProgram: a supervisord program configuration for one process, as
# nix-processmgmt's function of the same name takes it. Called first with the settings shared by
# all programs, then with one program's parameters; every parameter other than the named ones is
# a property of [program:NAME] (see supervisord's documentation), written as key=value. The result
# is a package holding conf.d/NAME.conf (a link to the configuration) and the credentials, with
# attribute `priority`: 1 without dependencies, else the highest dependency's + 1.
{ writeTextFile
, stdenv
, lib
, createCredentials
# Gives pidproxy, for useProxy
, supervisor ? null
# Packages whose bin/ directories are in every program's PATH
, basePackages ? []
# Drops the user property, so that an unprivileged user can run the programs
, forceDisableUserChange ? false
# Where relative PID files are
, runtimeDir ? "/var/run"
}:

{
# The program's name: [program:NAME] in conf.d/NAME.conf
name
# The command line supervisord runs, in the foreground (split as a shell splits words)
, command
# Runs the command through supervisord's pidproxy, which forwards signals to the PID in pidFile
, useProxy ? false
# The PID file pidproxy reads: absolute, or relative to runtimeDir
, pidFile ? "${name}.pid"
# Packages whose bin/ directories are added to PATH
, path ? []
# Environment variables of the program
, environment ? {}
# Programs of createSupervisordProgram this one needs: they get a lower priority, and the switch
# starts this program once they run
, dependencies ? []
# The groups and users to create ({ groups = { NAME = {...}; }; users = { NAME = {...}; }; })
, credentials ? {}
# Shell commands run at the end of the package's build ($out is the package)
, postInstall ? ""
# Other properties: { autorestart = true; startsecs = 3; user = "webapp"; ... }
, ...
}@args:

let
  properties = removeAttrs args ([ "name" "command" "useProxy" "pidFile" "path" "environment" "dependencies"
    "credentials" "postInstall" ] ++ lib.optional forceDisableUserChange "user");

  priority = if dependencies == [] then 1
    else builtins.foldl' (m: d: if d.priority > m then d.priority else m) 0 dependencies + 1;

  hasNewline = s: builtins.length (builtins.split "\n" s) > 1;

  # A value as supervisord reads it; a newline would start another property.
  render = key: value:
    let s = if builtins.isBool value then (if value then "true" else "false")
      else if builtins.isList value then lib.concatMapStringsSep "," toString value
      else toString value;
    in if hasNewline s then throw "createSupervisordProgram: the value of ${key} in program '${name}' contains a newline" else s;

  absolutePidFile = if lib.hasPrefix "/" pidFile then pidFile else "${runtimeDir}/${pidFile}";
  proxy = if supervisor == null then "pidproxy" else "${supervisor}/bin/pidproxy";

  binPath = lib.concatMapStringsSep ":" (p: "${p}/bin") (basePackages ++ path);
  fullEnvironment = environment // lib.optionalAttrs (binPath != "") {
    PATH = binPath + lib.optionalString (environment ? PATH) ":${environment.PATH}";
  };

  # NAME="value": double-quoted as supervisord's parser reads it, % doubled (interpolation).
  quoteAssignment = n: v:
    if builtins.match "[A-Za-z_][A-Za-z0-9_]*" n == null
    then throw "createSupervisordProgram: invalid environment variable name '${n}' in program '${name}'"
    else "${n}=\"" + builtins.replaceStrings [ "\\" "\"" "%" ] [ "\\\\" "\\\"" "%%" ] (toString v) + "\"";

  allProperties = properties // {
    command = (if useProxy then "${proxy} ${lib.escapeShellArg absolutePidFile} " else "") + command;
    inherit priority;
  } // lib.optionalAttrs (fullEnvironment != {}) {
    environment = lib.concatStringsSep "," (lib.mapAttrsToList quoteAssignment fullEnvironment);
  };

  confFile = writeTextFile {
    name = "${name}.conf";
    text = "[program:${name}]\n"
      + lib.concatMapStrings (key: "${key}=${render key allProperties.${key}}\n") (builtins.attrNames allProperties);
  };

  credentialsSpec = createCredentials credentials;
in
stdenv.mkDerivation {
  inherit name priority;
  buildCommand = ''
    mkdir -p $out/conf.d
    ln -s ${confFile} $out/conf.d/${lib.escapeShellArg "${name}.conf"}
    if [ -d ${credentialsSpec}/dysnomia-support ]; then
      ln -s ${credentialsSpec}/dysnomia-support $out/dysnomia-support
    fi
  '' + lib.optionalString forceDisableUserChange ''
    touch $out/.force-disable-user-change
  '' + postInstall;
}
