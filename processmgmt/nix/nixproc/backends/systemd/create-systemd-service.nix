# createSystemdService: a systemd unit for one process, as nix-processmgmt's function of the same
# name takes it. Called first with the settings shared by all units, then with one unit's
# parameters; every parameter other than the named ones is a section ([Unit], [Service],
# [Install], ...) whose attributes become sorted Key=value lines (a list gives one line per
# element). The result is a package holding etc/systemd/system/PREFIXNAME.service (the unit file,
# under its own name: systemd takes a link whose target is named otherwise for an alias),
# PREFIXNAME.service.wants/ with the dependencies' units, and the credentials.
{ writeTextFile
, stdenv
, lib
, createCredentials
# Packages whose bin/ directories are in every unit's PATH
, basePackages ? []
# Drops User= and Group=, so that an unprivileged user can run the units
, forceDisableUserChange ? false
# Put before every unit's name, so that our units are told from the system's
, prefix ? "nix-process-"
}:

{
# The process instance's name: the unit is PREFIXNAME.service
name
# Environment variables of the service (Environment= lines in [Service])
, environment ? {}
# Units of createSystemdService this one needs: Wants= and After= in [Unit]
, dependencies ? []
# Packages whose bin/ directories are added to PATH
, path ? []
# The groups and users to create ({ groups = { NAME = {...}; }; users = { NAME = {...}; }; })
, credentials ? {}
# Shell commands run at the end of the package's build ($out is the package)
, postInstall ? ""
# Sections: { Unit = { Description = ...; }; Service = { ExecStart = ...; }; ... }
, ...
}@args:

let
  sections = removeAttrs args [ "name" "environment" "dependencies" "path" "credentials" "postInstall" ];

  unitName = "${prefix}${name}";

  hasNewline = s: builtins.length (builtins.split "\n" s) > 1;

  # A value as systemd reads it; a newline would start another setting.
  render = key: value:
    let s = if builtins.isBool value then (if value then "true" else "false") else toString value;
    in if hasNewline s then throw "createSystemdService: the value of ${key} in unit '${unitName}' contains a newline" else s;

  lines = key: value:
    lib.concatMapStrings (v: "${key}=${render key v}\n") (if builtins.isList value then value else [ value ]);

  # Environment="NAME=value": quoted, with systemd's escapes and its % specifiers doubled.
  quoteAssignment = n: v:
    if builtins.match "[A-Za-z_][A-Za-z0-9_]*" n == null
    then throw "createSystemdService: invalid environment variable name '${n}' in unit '${unitName}'"
    else "\"" + builtins.replaceStrings [ "\\" "\"" "%" "\n" ] [ "\\\\" "\\\"" "%%" "\\n" ] "${n}=${toString v}" + "\"";

  binPath = lib.concatMapStringsSep ":" (p: "${p}/bin") (basePackages ++ path);
  fullEnvironment = environment // lib.optionalAttrs (binPath != "") {
    PATH = binPath + lib.optionalString (environment ? PATH) ":${environment.PATH}";
  };

  dependencyUnits = map (d: "${d.name}.service") dependencies;
  asList = v: if v == null then [] else if builtins.isList v then v else [ v ];

  # Dependencies join the unit's own Wants=/After=; the environment joins [Service].
  withDependencies = lib.optionalAttrs (dependencies != []) {
    Unit = (sections.Unit or {}) // {
      Wants = asList (sections.Unit.Wants or null) ++ dependencyUnits;
      After = asList (sections.Unit.After or null) ++ dependencyUnits;
    };
  };
  withEnvironment = lib.optionalAttrs (fullEnvironment != {}) {
    Service = (sections.Service or {}) // {
      Environment = asList (sections.Service.Environment or null)
        ++ lib.mapAttrsToList quoteAssignment fullEnvironment;
    };
  };
  allSections = sections // withDependencies // withEnvironment;

  dropUserChange = properties:
    if forceDisableUserChange then removeAttrs properties [ "User" "Group" ] else properties;

  renderSection = title:
    let properties = dropUserChange allSections.${title};
    in "[${title}]\n" + lib.concatMapStrings (key: lines key properties.${key}) (builtins.attrNames properties);

  unitFile = writeTextFile {
    name = "${unitName}.service";
    text = lib.concatStringsSep "\n" (map renderSection (builtins.attrNames allSections));
  };

  credentialsSpec = createCredentials credentials;
  systemDir = "$out/etc/systemd/system";
in
stdenv.mkDerivation {
  name = unitName;
  buildCommand = ''
    mkdir -p ${systemDir}
    cp ${unitFile} ${systemDir}/${lib.escapeShellArg "${unitName}.service"}
  '' + lib.optionalString (dependencies != []) ''
    mkdir -p ${systemDir}/${lib.escapeShellArg "${unitName}.service.wants"}
  '' + lib.concatMapStrings (d: ''
    ln -s ${d}/etc/systemd/system/${lib.escapeShellArg "${d.name}.service"} ${systemDir}/${lib.escapeShellArg "${unitName}.service.wants"}/
  '') dependencies + ''
    if [ -d ${credentialsSpec}/dysnomia-support ]; then
      ln -s ${credentialsSpec}/dysnomia-support $out/dysnomia-support
    fi
  '' + lib.optionalString forceDisableUserChange ''
    touch $out/.force-disable-user-change
  '' + postInstall;
}
