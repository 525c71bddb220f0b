# What a derivation holds before anything asks for its paths, and what asking for the name forces.
let d = derivation { name = "lazy-" + "drv"; system = "x86_64-linux"; builder = "/bin/sh"; extra = 1 + 1; }; in
builtins.seq d.name { inherit d; }
