# A composition of several webapp instances behind one nginx, with the start order of their
# init scripts derived from the dependencies (a process starts after everything it depends on).
{ stateDir ? "/var", forceDisableUserChange ? false, instances ? 3 }:

let
  constructors = import ./constructors.nix { inherit stateDir forceDisableUserChange; };

  webapps = builtins.genList
    (i: constructors.webapp { instanceSuffix = toString (i + 1); port = 5000 + i + 1; })
    instances;

  nginx = constructors.nginxReverseProxy { inherit webapps; };

  sequence = process:
    if process.dependencies == [ ] then 0
    else 1 + builtins.foldl' (m: d: let s = sequence d; in if s > m then s else m) 0 process.dependencies;

  initScript = process: {
    name = process.name;
    start = "S${toString (sequence process)}${process.name}";
    command = builtins.concatStringsSep " " ([ process.process ] ++ (process.args or [ ]));
    runsAs = if process.user == null then "the deploying user" else process.user;
  };
in
{
  processes = builtins.listToAttrs (map (p: { name = p.name; value = initScript p; }) (webapps ++ [ nginx ]));
  nginxVirtualHosts = nginx.virtualHosts;
}
