# An upgrade that cannot be deployed: the webapp moves to port 5001 (so that both machines
# change) and a service on test2 fails to start. disnix-env rolls the whole network back: the
# webapp on port 5000 and its proxy run again, nothing of this configuration is left running.
{ pkgs, system, stateDir ? "/var", ... }@args:

let
  services = import ./services.nix (args // { webappPort = 5001; });
  createSystemVInitScript = import ../services/create-sysvinit-script.nix {
    inherit pkgs;
    runtimeDir = "${stateDir}/run";
    logDir = "${stateDir}/log";
    tmpDir = if stateDir == "/var" then "/tmp" else "${stateDir}/tmp";
    forceDisableUserChange = true;
  };
in
services // {
  broken = {
    name = "broken";
    pkg = createSystemVInitScript {
      name = "broken";
      description = "A process that cannot start";
      activities = {
        start = "echo 'broken: cannot start' >&2; exit 1";
        stop = "true";
      };
      runlevels = [ 3 4 5 ];
    };
    # Started last, after the new webapp and proxy: all of that is undone.
    dependsOn = {
      inherit (services) webapp nginxReverseProxy;
    };
    type = "sysvinit-script";
  };
}
