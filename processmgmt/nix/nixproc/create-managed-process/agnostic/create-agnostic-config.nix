# The parameters given to createManagedProcess as a package holding NAME.json (processManager =
# null), for tools that make a process manager's configuration from them.
{ writeTextFile, ... }:

properties:

let
  name = properties.name or properties.instanceName;
in
writeTextFile {
  inherit name;
  text = builtins.toJSON properties;
  destination = "/${name}.json";
}
