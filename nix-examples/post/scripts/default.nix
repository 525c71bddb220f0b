# Not shown in the post: a composition of its first sysvinit scripts (nginx three ways, the web
# application, nginx depending on it), as all-packages.nix composes packages:
#   nix-build -A nginxProcess && ./result/etc/rc.d/init.d/nginx start    (as root: state in /var)
{ pkgs ? import <nixpkgs> { inherit system; }
, system ? builtins.currentSystem
}:

let
  createSystemVInitScript = import ../create-sysvinit-script.nix {
    inherit (pkgs) stdenv writeTextFile daemon;
  };
in
rec {
  nginxActivities = import ./nginx-activities.nix {
    inherit createSystemVInitScript;
    inherit (pkgs) nginx;
  };

  nginxInstructions = import ./nginx-instructions.nix {
    inherit createSystemVInitScript;
    inherit (pkgs) nginx;
  };

  nginxProcess = import ./nginx-process.nix {
    inherit createSystemVInitScript;
    inherit (pkgs) nginx;
  };

  webapp = import ./webapp.nix {
    inherit createSystemVInitScript;
  };

  nginx = import ./nginx-dependencies.nix {
    inherit createSystemVInitScript webapp;
    inherit (pkgs) nginx;
  };
}
