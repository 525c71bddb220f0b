# stdenv: mkDerivation with a bash builder running the usual phases (see files/setup).
# The shell is the host's bash, reached through the `bash` host package.
{ lib, system, hostPackages }:

let
  inherit (hostPackages) bash;

  shell = "${bash}/bin/bash";

  # Tools every build finds in PATH (all from Debian's essential packages); setup appends the
  # host's /usr/local/bin:/usr/bin:/bin after them.
  initialPath = with hostPackages; [ coreutils findutils diffutils gnused gnugrep gawk gnutar gzip bash ];

  # The setup script and default builder, as one store directory ($stdenv/setup).
  files = builtins.path { path = ./files; name = "stdenv"; };

  mkDerivation =
    { name ? "${args.pname}-${args.version}"
    , meta ? { }
    , passthru ? { }
    , ...
    }@args:
    let
      drvAttrs = removeAttrs args [ "meta" "passthru" ] // {
        inherit name system;
        builder = shell;
        args = args.args or [ "-e" (args.builder or "${files}/default-builder.sh") ];
        stdenv = files;
        inherit initialPath shell;
      };
      drv = derivation drvAttrs;
      # nixpkgs' overrideAttrs: f gets the old attributes (prev: { ... }), or the final and the
      # old ones (final: prev: { ... }); the derivation is made again with what it returns.
      overrideAttrs = f:
        let
          first = f args;
          final = args // (if builtins.isFunction first then f final args else first);
        in
        mkDerivation final;
    in
    drv // { inherit meta passthru overrideAttrs; } // passthru;
in
{
  inherit mkDerivation shell system lib initialPath;
  outPath = files;
  name = "stdenv";
  shellDryRun = "${shell} -n";
  isLinux = builtins.match ".*-linux" system != null;
  isDarwin = builtins.match ".*-darwin" system != null;
  hostPlatform = { inherit system; isLinux = builtins.match ".*-linux" system != null; };
  buildPlatform = { inherit system; };
  cc = null;
}
