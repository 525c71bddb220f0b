# Which elements of builtins' results are still thunks (<CODE>) after the builtin ran.
let
  l = [ (1 + 1) (2 + 2) ];
  s = { a = 1 + 1; b = 2 + 2; };
  force = v: builtins.seq v v;
  r = {
  map = force (map (x: x) l);
  genList = force (builtins.genList (i: i + 1) 2);
  filter = force (builtins.filter (x: true) [ (3 + 3) ]);
  partition = force (builtins.partition (x: true) [ (4 + 4) ]);
  sort = force (builtins.sort (a: b: a < b) [ (6 + 6) (5 + 5) ]);
  tail = force (builtins.tail [ 1 (7 + 7) ]);
  concatLists = force (builtins.concatLists [ [ (8 + 8) ] ]);
  attrValues = force (builtins.attrValues { x = 9 + 9; });
  catAttrs = force (builtins.catAttrs "a" [ { a = 10 + 10; } ]);
  mapAttrs = force (builtins.mapAttrs (n: v: v) { x = 11 + 11; });
  removeAttrs = force (builtins.removeAttrs { x = 12 + 12; y = 1; } [ "y" ]);
  update = force ({ x = 13 + 13; } // { y = 14 + 14; });
  listToAttrs = force (builtins.listToAttrs [ { name = "x"; value = 15 + 15; } ]);
  intersectAttrs = force (builtins.intersectAttrs { x = null; } { x = 16 + 16; });
  zipAttrsWith = force (builtins.zipAttrsWith (n: vs: vs) [ { x = 17 + 17; } ]);
  groupBy = force (builtins.groupBy (x: "k") [ (18 + 18) ]);
  concatMap = force (builtins.concatMap (x: [ x ]) [ (19 + 19) ]);
  elemAt = builtins.seq (builtins.elemAt l 0) l;
  attr = builtins.seq s.a s;
  foldl = force (builtins.foldl' (acc: x: acc ++ [ x ]) [ ] [ (20 + 20) ]);
  fromJSON = force (builtins.fromJSON "[1, {\"a\": 2}]");
  splitVersion = force (builtins.splitVersion "1.2");
  functionArgs = force (builtins.functionArgs ({ a ? 1 + 1 }: a));
  tryEval = force (builtins.tryEval (21 + 21));
};
in
# Each attribute forced, so that what it holds prints.
builtins.foldl' (acc: n: builtins.seq r.${n} acc) r (builtins.attrNames r)
