# What the resident JVM's class-data archive is made from (see Daemon.train): a small process
# composition touching the language's constructs and the builtins such files use most, so that
# a fresh daemon finds their classes already loaded and linked.
let
  inherit (builtins) attrNames concatStringsSep filter foldl' genList hashString length listToAttrs
    map mapAttrs removeAttrs replaceStrings toJSON fromJSON elemAt substring stringLength match split
    sort tryEval toString isAttrs isList isString head tail attrValues hasAttr getAttr concatMap
    intersectAttrs functionArgs seq deepSeq typeOf toFile baseNameOf dirOf;
  concatMapStrings = f: list: concatStringsSep "" (map f list);
  webapp = { port ? 5000, instanceSuffix ? "", ... }@args: rec {
    name = "webapp${instanceSuffix}";
    inherit port;
    script = ''
      #!/bin/sh -e
      exec webapp --port ${toString port} ''${EXTRA:-}
    '';
    env = { PORT = port; NAME = name; } // removeAttrs args [ "port" ];
  };
  processes = listToAttrs (genList (i: { name = "webapp${toString i}"; value = webapp { port = 5000 + i; instanceSuffix = toString i; }; }) 8);
  nginxConf = concatMapStrings (n: with processes.${n}; ''
    upstream ${name} { server localhost:${toString port}; }
  '') (sort (a: b: a < b) (attrNames processes));
  drv = derivation { name = "training"; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo ${nginxConf}" ]; };
  json = toJSON (mapAttrs (n: p: { inherit (p) port name; }) processes);
in {
  count = length (attrNames processes);
  total = foldl' (a: b: a + b) 0 (map (p: p.port) (attrValues processes));
  hash = hashString "sha256" (nginxConf + json);
  roundTrip = fromJSON json == fromJSON json;
  text = replaceStrings [ "upstream" ] [ "backend" ] (substring 0 40 nginxConf);
  matched = match "([a-z]+)([0-9]+)" "webapp12";
  parts = filter isString (split "," "a,b,c");
  failed = (tryEval (throw "no")).success;
  args = attrNames (functionArgs webapp);
  kinds = map typeOf [ 1 1.5 "s" true null [ ] { } ./. ];
  drvPath = drv.drvPath;
  outPath = "${drv}";
  file = baseNameOf (toFile "training.txt" "${toString (stringLength nginxConf)}");
  same = deepSeq processes (seq drv (isAttrs (head (tail [ 1 { } ]))));
}
