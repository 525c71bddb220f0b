[ (x: x) ({ a, b ? 1 }: a) (args@{ c, ... }: c) builtins.add ]
