# <nix/fetchurl.nix>: a fixed-output derivation that the builtin:fetchurl builder downloads.
{ system ? ""
, url
, hash ? ""
, sha256 ? ""
, sha1 ? ""
, sha512 ? ""
, outputHash ? (if hash != "" then hash else if sha512 != "" then sha512 else if sha1 != "" then sha1 else sha256)
, outputHashAlgo ? (if hash != "" then "" else if sha512 != "" then "sha512" else if sha1 != "" then "sha1" else "sha256")
, executable ? false
, unpack ? false
, name ? baseNameOf (toString url)
}:

derivation {
  builder = "builtin:fetchurl";
  system = "builtin";
  outputHashMode = if unpack || executable then "recursive" else "flat";
  inherit name url executable unpack outputHash outputHashAlgo;
  urls = [ url ];
  preferLocalBuild = true;
  impureEnvVars = [ "http_proxy" "https_proxy" "ftp_proxy" "all_proxy" "no_proxy" ];
}
