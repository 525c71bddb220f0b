[ builtins.add (builtins.add 1) builtins.map (builtins.foldl' (x: y: x)) builtins.abort (x: x) ({ a ? 1 }: a) ]
