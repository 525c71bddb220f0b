# derivation's attributes given by the caller need no instantiation.
let
  d = derivation {
    name = "lazy";
    system = "x86_64-linux";
    builder = "/bin/sh";
    meta = throw "meta";
    extra = throw "extra";
  };
in
[
  d.name
  d.type
  d.system
  (d ? meta)
  (d ? outPath)
  (builtins.isAttrs d)
  (builtins.attrNames d)
  d.drvAttrs.name
  (builtins.length d.all)
  d.outputName
]
