# The web application's package, as in the spec: `(import ./webapp {}).package` has
# lib/node_modules/webapp/app.js, an executable whose interpreter is the host's Node.js.
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
}:

{
  package = pkgs.stdenv.mkDerivation {
    name = "webapp";
    src = ./src;
    dontConfigure = true;
    dontBuild = true;
    installPhase = ''
      mkdir -p $out/lib/node_modules/webapp
      sed -e "1s|^#!.*|#!${pkgs.nodejs}/bin/node|" app.js > $out/lib/node_modules/webapp/app.js
      chmod +x $out/lib/node_modules/webapp/app.js
    '';
  };
}
