# Builtins on lists that do not need every element.
let l = [ (throw "0") 1 (throw "2") ]; in
[
  (builtins.length l)
  (builtins.elemAt l 1)
  (builtins.head [ 1 (throw "x") ])
  (builtins.length (builtins.tail l))
  (builtins.length (l ++ l))
  (builtins.length (map (x: throw "f") l))
  (builtins.elemAt (map (x: x) l) 1)
  (builtins.length (builtins.genList (i: throw "g") 3))
  (builtins.elemAt (builtins.genList (i: if i == 1 then i else throw "g") 3) 1)
  (builtins.length (builtins.filter (x: true) l))
  (builtins.length (builtins.concatLists [ l [ ] l ]))
  (builtins.length (builtins.concatMap (x: [ x x ]) l))
  (builtins.elem 1 [ 1 (throw "x") ])
  (builtins.any (x: x) [ true (throw "x") ])
  (builtins.all (x: x) [ false (throw "x") ])
  (builtins.attrNames (builtins.groupBy (x: "k") l))
  (builtins.isList l)
  (builtins.typeOf l)
  (builtins.foldl' (acc: x: acc + 1) 0 l)
]
