# buildEnv and symlinkJoin: symlink trees made by the Java builder builtin:buildenv.
{ lib, stdenv }:

let
  envDerivation = { name, paths, postBuild ? "", passthru ? { }, meta ? { }, ... }@args:
    let
      drv = derivation (removeAttrs args [ "passthru" "meta" ] // {
        inherit name postBuild;
        inherit (stdenv) system;
        builder = "builtin:buildenv";
        paths = map toString paths;
        preferLocalBuild = true;
        allowSubstitutes = false;
      } // lib.optionalAttrs (postBuild != "") {
        # postBuild runs with stdenv's shell and tools.
        inherit (stdenv) shell;
        PATH = lib.makeBinPath stdenv.initialPath;
      });
    in
    drv // { inherit meta passthru; } // passthru;
in
{
  buildEnv =
    { name
    , paths
    , pathsToLink ? [ "/" ]
    , ignoreCollisions ? false
    , checkCollisionContents ? true
    , extraPrefix ? ""
    , postBuild ? ""
    , passthru ? { }
    , meta ? { }
    , ...
    }@args:
    envDerivation ({
      inherit name paths pathsToLink ignoreCollisions checkCollisionContents extraPrefix postBuild
        passthru meta;
    } // removeAttrs args [ "extraOutputsToInstall" "manifest" "buildInputs" "nativeBuildInputs" ]
      // { paths = paths; });

  symlinkJoin =
    { name, paths, postBuild ? "", passthru ? { }, meta ? { }, ... }@args:
    envDerivation (args // { mode = "join"; inherit postBuild passthru meta; });
}
