# A stand-in <nixpkgs> for comparing the .drv paths of upstream nix-processmgmt's expressions
# under real Nix 2.8 and under nixproc: pure Nix (no host lookups, no downloads), so that both
# evaluate the same code. Packages are trivial derivations named like nixpkgs' packages; the
# functions upstream calls (stdenv.mkDerivation, buildEnv, writeTextFile, dockerTools, ...) make
# derivations from their arguments; lib has the functions upstream uses, with nixpkgs' meaning.
{ system ? builtins.currentSystem, ... }:

let
  inherit (builtins) attrNames concatStringsSep elem filter foldl' genList isFunction length
    listToAttrs map removeAttrs replaceStrings;

  lib = rec {
    optional = cond: x: if cond then [ x ] else [ ];
    optionals = cond: xs: if cond then xs else [ ];
    optionalString = cond: s: if cond then s else "";
    optionalAttrs = cond: as: if cond then as else { };
    concatStringsSep = builtins.concatStringsSep;
    concatMapStrings = f: xs: builtins.concatStringsSep "" (map f xs);
    concatMapStringsSep = sep: f: xs: builtins.concatStringsSep sep (map f xs);
    replaceStrings = builtins.replaceStrings;
    escape = chars: replaceStrings chars (map (c: "\\${c}") chars);
    escapeShellArg = arg: "'${replaceStrings [ "'" ] [ "'\\''" ] (toString arg)}'";
    escapeShellArgs = xs: builtins.concatStringsSep " " (map escapeShellArg xs);
    foldl = op: nul: list: foldl' op nul list;
    genAttrs = names: f: listToAttrs (map (n: { name = n; value = f n; }) names);
    mapAttrs = builtins.mapAttrs;
    range = first: last: if first > last then [ ] else genList (n: first + n) (last - first + 1);
    unique = foldl' (acc: e: if elem e acc then acc else acc ++ [ e ]) [ ];
    intersectLists = e: filter (x: elem x e);
    subtractLists = e: filter (x: !(elem x e));
    isDerivation = x: x.type or null == "derivation";
    recursiveUpdate = lhs: rhs:
      lhs // builtins.mapAttrs (n: v:
        if lhs ? ${n} && builtins.isAttrs v && builtins.isAttrs lhs.${n} && !(isDerivation v)
        then recursiveUpdate lhs.${n} v else v) rhs;
    addContextFrom = a: b: builtins.substring 0 0 a + b;
    mkOverride = priority: content: { _type = "override"; inherit priority content; };
    mkDefault = mkOverride 1000;
    mkForce = mkOverride 50;
  };

  # A derivation whose attributes are the given ones (functions and nulls left out).
  mkDrv = name: attrs: derivation ({
    inherit name system;
    builder = "/bin/sh";
    args = [ "-c" "echo ${name} > $out" ];
  } // removeAttrs (lib.optionalAttrs (builtins.isAttrs attrs) attrs) [ "meta" "passthru" "name" ]);

  package = name: mkDrv name { } // { pname = name; };
  overridable = name: package name // { override = args: package "${name}-overridden"; };

  stdenv = {
    inherit system;
    shell = "/bin/sh";
    isLinux = true;
    isDarwin = false;
    isBSD = false;
    isCygwin = false;
    isSunOS = false;
    mkDerivation = args: mkDrv (args.name or "${args.pname}-${args.version}") args;
  };
in
{
  inherit lib stdenv system;
  fetchurl = import <nix/fetchurl.nix>;
  buildEnv = { name, paths, ... }@args: mkDrv name { inherit paths; };
  writeTextFile = { name, text, executable ? false, destination ? "", ... }:
    mkDrv name { inherit text executable destination; };
  closureInfo = { rootPaths }: mkDrv "closure-info" { inherit rootPaths; };
  dockerTools = {
    buildImage = { name, tag ? "latest", ... }@args: mkDrv "docker-image-${name}.tar.gz" { inherit tag; };
    shadowSetup = "echo shadow setup";
  };
  python3Packages = { supervisor = package "supervisor"; };
  glibc = package "glibc" // { bin = package "glibc-bin"; };
  dysnomia = overridable "dysnomia";
  libmicrohttpd = package "libmicrohttpd" // { dev = package "libmicrohttpd-dev"; };
} // listToAttrs (map (name: { inherit name; value = package name; }) [
  "coreutils" "gnugrep" "gnused" "findutils" "inetutils" "sysvinit" "su" "shadow" "daemon" "nginx"
  "docker" "kmod" "s6" "s6-rc" "s6-linux-init" "execline" "disnix" "nix" "bash" "utillinux"
  "procps" "gnutar" "gzip" "xz" "getopt"
])
