# Our LSB init functions (init-functions.sh) as a file in the store, with the runtime directory
# (default PID files) and the PATH of the base packages filled in. Takes the arguments of
# nix-processmgmt's init-functions.nix ({ stdenv, fetchurl, basePackages, runtimeDir }), all
# optional; stdenv and fetchurl are not needed.
{ basePackages ? [], runtimeDir ? "/var/run", ... }:

let
  quote = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\''" ] s + "'";
  basePath = builtins.concatStringsSep ":" (map (p: "${p}/bin") basePackages);
in
derivation {
  name = "init-functions";
  system = builtins.currentSystem;
  builder = "builtin:sysvinit-text";
  text = ''
    # LSB init functions of nixproc (sourced by the generated init scripts).
    NIXPROC_RUNTIME_DIR=${quote runtimeDir}
  '' + (if basePackages == [] then "" else ''
    PATH=${quote basePath}:"$PATH"
    export PATH
  '') + builtins.readFile ./init-functions.sh;
}
