# fetchurl as nixpkgs has it: a fixed-output derivation, so evaluating never downloads. It is
# built by Nix's own builtin:fetchurl (<nix/fetchurl.nix>), whose output path, as nixpkgs',
# depends only on the name and the hash: a file added with `nix-store --add-fixed sha256 FILE`
# (or fetched by `nix-prefetch-url`) is used without downloading.
{ lib }:

{ url ? null
, urls ? [ ]
, name ? null
, hash ? ""
, sha256 ? ""
, sha1 ? ""
, sha512 ? ""
, outputHash ? ""
, outputHashAlgo ? ""
, executable ? false
, ...
}:

let
  allUrls = lib.optional (url != null) url ++ urls;
  firstUrl =
    if allUrls == [ ] then throw "fetchurl requires either 'url' or 'urls' to be set"
    else toString (builtins.head allUrls);
  given = lib.filterAttrs (n: v: v != "") { inherit hash sha256 sha1 sha512; };
in
if given == { } && outputHash == "" then
  throw "fetchurl requires a hash for fixed-output derivation: ${firstUrl}"
else
  import <nix/fetchurl.nix> ({
    url = firstUrl;
    name = if name != null then name else baseNameOf firstUrl;
    inherit executable;
  } // (if outputHash != "" then {
    outputHash = outputHash;
    outputHashAlgo = outputHashAlgo;
  } else given))
