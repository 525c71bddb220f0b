# For the upstream comparison test: upstream's processes expression EXAMPLE/FILE, called for
# BACKEND as its build-BACKEND-env.nix calls it (processManager = BACKEND, the defaults else).
# `nix-instantiate --eval drv-paths.nix --argstr upstream DIR --argstr file F --argstr backend B
# -A NAME.pkg.drvPath` gives one process's .drv path; `-A env.drvPath` that of the whole profile.
{ upstream, file, backend }:

let
  exprFile = "${upstream}/examples/${file}";
  processesFun = import exprFile;
  processes = processesFun (builtins.intersectAttrs (builtins.functionArgs processesFun) { processManager = backend; });
in
processes // {
  env = import "${upstream}/nixproc/backends/${backend}/build-${backend}-env.nix" { inherit exprFile; };
  names = builtins.attrNames processes;
}
