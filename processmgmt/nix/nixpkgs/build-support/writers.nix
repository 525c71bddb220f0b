# nixpkgs' `writers`: a script in some language with its interpreter's "#!" line put before it.
# NAME gives the file $out; a path such as "/bin/NAME" (what the *Bin variants pass) puts it
# there in $out. The content is a string or a file. Interpreters are the host's: `libraries`
# cannot be added to them (install Debian's packages instead), so only an empty list is accepted.
{ lib, trivial, hostPackages }:

let
  makeScriptWriter = { interpreter, check ? "" }: nameOrPath: content:
    let
      isPath = lib.hasPrefix "/" nameOrPath;
      name = lib.last (lib.splitString "/" nameOrPath);
    in
    assert builtins.match "[0-9A-Za-z._][0-9A-Za-z._-]*" name != null
      || throw "writers: '${nameOrPath}' is not a valid script name";
    trivial.writeTextFile {
      inherit name;
      executable = true;
      destination = if isPath then nameOrPath else "";
      text = "#! ${interpreter}\n" + (if builtins.isPath content then builtins.readFile content else content);
      checkPhase = lib.optionalString (check != "") "${check} \"$target\"";
    };

  noLibraries = writer: libraries:
    assert libraries == [ ]
      || throw "${writer}: libraries are not supported: the host's interpreter is used; install its Debian packages instead";
    true;

  writeBash = makeScriptWriter {
    interpreter = "${hostPackages.bash}/bin/bash";
    check = "${hostPackages.bash}/bin/bash -n";
  };

  writePython3 = name: { libraries ? [ ], flakeIgnore ? [ ] }: content:
    assert noLibraries "writePython3" libraries;
    makeScriptWriter {
      interpreter = "${hostPackages.python3}/bin/python3";
      # Compiled, not written: py_compile would leave __pycache__ beside the script.
      check = "${hostPackages.python3}/bin/python3 -c 'import sys; compile(open(sys.argv[1], \"rb\").read(), sys.argv[1], \"exec\")'";
    } name content;

  writeJS = name: { libraries ? [ ] }: content:
    assert noLibraries "writeJS" libraries;
    makeScriptWriter {
      interpreter = "${hostPackages.nodejs}/bin/node";
      check = "${hostPackages.nodejs}/bin/node --check";
    } name content;
in
{
  inherit makeScriptWriter writeBash writePython3 writeJS;
  writeBashBin = name: writeBash "/bin/${name}";
  writePython3Bin = name: writePython3 "/bin/${name}";
  writeJSBin = name: writeJS "/bin/${name}";
}
