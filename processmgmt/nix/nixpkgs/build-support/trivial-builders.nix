# runCommand and the writeText family, as nixpkgs defines them (built with stdenv's bash).
{ lib, stdenv }:

rec {
  runCommand = name: env: buildCommand:
    stdenv.mkDerivation ({
      inherit name buildCommand;
      passAsFile = [ "buildCommand" ] ++ (env.passAsFile or [ ]);
      preferLocalBuild = true;
      allowSubstitutes = false;
    } // removeAttrs env [ "passAsFile" ]);

  runCommandLocal = runCommand;
  runCommandNoCC = runCommand;

  writeTextFile =
    { name, text, executable ? false, destination ? "", checkPhase ? "", meta ? { } }:
    runCommand name {
      inherit text executable checkPhase meta;
      passAsFile = [ "text" ];
    } ''
      target=$out${lib.escapeShellArg destination}
      mkdir -p "$(dirname "$target")"
      if [ -e "$textPath" ]; then
        cat "$textPath" > "$target"
      else
        echo -n "$text" > "$target"
      fi
      eval "$checkPhase"
      if [ -n "$executable" ]; then chmod +x "$target"; fi
    '';

  writeText = name: text: writeTextFile { inherit name text; };
  writeTextDir = path: text: writeTextFile {
    inherit text;
    name = builtins.baseNameOf path;
    destination = "/${path}";
  };
  writeScript = name: text: writeTextFile { inherit name text; executable = true; };
  writeScriptBin = name: text: writeTextFile { inherit name text; executable = true; destination = "/bin/${name}"; };
  writeShellScript = name: text: writeTextFile {
    inherit name;
    executable = true;
    text = ''
      #!${stdenv.shell}
      ${text}
    '';
    checkPhase = ''
      ${stdenv.shellDryRun} "$target"
    '';
  };
  writeShellScriptBin = name: text: writeTextFile {
    inherit name;
    executable = true;
    destination = "/bin/${name}";
    text = ''
      #!${stdenv.shell}
      ${text}
    '';
    checkPhase = ''
      ${stdenv.shellDryRun} "$target"
    '';
  };
}
