# Disnix's three models evaluated into a deployment manifest (what disnix-env builds first):
# the services, each built against its inter-dependencies, mapped onto the targets of the
# infrastructure, a profile per target (the services it runs) and the ordering between services.
# The manifest is a text file of tab-separated records (read by processmgmt.disnix.Manifest):
#   target  NAME  ADDRESS  CLIENTINTERFACE|-  PROFILE  SYSTEM  NUMOFCORES
#   mapping SERVICE  TARGET  CONTAINER  TYPE  PKG
#   dependsOn|activatesAfter|connectsTo  SERVICE  DEPENDENCY
# A target profile has one `SERVICE CONTAINER TYPE PKG` line per service the target runs.
{ servicesFile, infrastructureFile, distributionFile, extraParams ? { } }:

let
  inherit (builtins) attrNames attrValues concatMap concatStringsSep elem filter getAttr hasAttr head
    isAttrs isFunction isList isString length listToAttrs map mapAttrs match toString;
  pkgs = import <nixpkgs> { };
  system = builtins.currentSystem;
  supportedTypes = [ "sysvinit-script" "supervisord-program" "systemd-unit" "process" "wrapper" "package" ];

  # Names end up in tab-separated records, file names and command lines.
  checkName = what: n:
    if isString n && match "[A-Za-z0-9_][A-Za-z0-9_.+-]*" n != null then n
    else throw "${what} name '${toString n}' is not supported: names are letters, digits, '_', '.', '+' and '-'";

  infrastructure = mapAttrs (name: t:
    if !isAttrs t then throw "target '${name}' of the infrastructure model is not an attribute set" else
    { properties = { }; containers = { }; targetProperty = "hostname"; clientInterface = null;
      numOfCores = 1; inherit system; } // t // { name = checkName "target" name; })
    (import infrastructureFile);

  distributionModel = import distributionFile { inherit infrastructure; };

  # Where a service goes: [ target ... ] or { targets = [ target | { target; container; } ... ]; }.
  placements = serviceName: value:
    let
      entries = if isList value then value
        else if isAttrs value && value ? targets then value.targets
        else throw "the distribution of service '${serviceName}' is neither a list of targets nor { targets = [ ... ]; }";
      placement = entry:
        let p = if isAttrs entry && entry ? target then { inherit (entry) target; container = entry.container or null; }
                else { target = entry; container = null; };
        in if isAttrs p.target && p.target ? name && hasAttr p.target.name infrastructure then p
           else throw "the distribution of service '${serviceName}' names a target that is not in the infrastructure model";
    in map placement entries;
  distribution = mapAttrs placements distributionModel;

  targetsOf = name: map (p: p.target) (distribution.${name} or [ ]);

  invDistribution = mapAttrs (tname: t: t // {
    services = filter (s: elem tname (map (p: p.target.name) distribution.${s})) (attrNames distribution);
  }) infrastructure;

  servicesModel = import servicesFile ({
    inherit system pkgs invDistribution;
    distribution = distributionModel;
  } // extraParams);

  services = mapAttrs (n: s:
    if !isAttrs s then throw "service '${n}' is not an attribute set"
    else if !(s ? name) then throw "service '${n}' has no name attribute"
    else if s.name != n then throw "service '${n}' is named '${toString s.name}': a service's name must equal its attribute name"
    else if !(s ? type) then throw "service '${n}' has no type"
    else if !(elem s.type supportedTypes) then throw "service '${n}' has type '${toString s.type}', which is not supported (${concatStringsSep ", " supportedTypes})"
    else s) servicesModel;

  service = n: if hasAttr n services then getAttr n services
    else throw "the distribution model names service '${n}', which the services model does not define";

  # The argument a service gets for an inter-dependency: the dependency's attributes, where it runs
  # and its package per system.
  interDependency = dep:
    let
      name = dep.name or (throw "an inter-dependency is not a service (it has no name)");
      targets = targetsOf name;
    in
    if targets == [ ] then throw "service '${name}' is an inter-dependency but is not distributed to any target"
    else service name // { inherit targets; target = head targets; pkgs = { ${system} = build name; }; };

  interDependencies = s: mapAttrs (arg: interDependency) ((s.dependsOn or { }) // (s.connectsTo or { }));

  build = n:
    let s = service n;
        pkg = if isFunction s.pkg then s.pkg (interDependencies s) else s.pkg;
    in if isAttrs pkg && pkg ? outPath then pkg
       else throw "the pkg of service '${n}' is not a derivation (nor a function of its inter-dependencies giving one)";

  mappings = concatMap (n: map (p: {
    service = checkName "service" n;
    target = p.target.name;
    container = checkName "container" (if p.container != null then p.container else (service n).type);
    type = (service n).type;
    pkg = build n;
  }) distribution.${n}) (attrNames distribution);

  line = fields: concatStringsSep "\t" fields + "\n";

  profiles = mapAttrs (tname: t: pkgs.writeTextFile {
    name = "disnix-profile-${tname}";
    text = concatStringsSep "" (map (m: line [ m.service m.container m.type "${m.pkg}" ])
      (filter (m: m.target == tname) mappings));
  }) infrastructure;

  address = t:
    let p = t.properties.${t.targetProperty} or (throw "target '${t.name}' has no property '${t.targetProperty}' (its targetProperty)");
    in if match "[^-\t\n ][^\t\n ]*" (toString p) != null then toString p
       else throw "the address of target '${t.name}' ('${toString p}') is empty, has blanks or starts with '-'";

  edges = kind: n: map (dep: line [ kind n (dep.name or (throw "a ${kind} entry of service '${n}' is not a service")) ])
    (attrValues ((service n).${kind} or { }));
in
pkgs.writeTextFile {
  name = "disnix-manifest";
  text = concatStringsSep "" ([ "nixproc-disnix-manifest 1\n" ]
    ++ map (t: line [ "target" t.name (address t) (if t.clientInterface == null then "-" else toString t.clientInterface)
                      "${profiles.${t.name}}" t.system (toString t.numOfCores) ]) (attrValues infrastructure)
    ++ map (m: line [ "mapping" m.service m.target m.container m.type "${m.pkg}" ]) mappings
    ++ concatMap (n: edges "dependsOn" n ++ edges "activatesAfter" n ++ edges "connectsTo" n) (attrNames distribution));
}
