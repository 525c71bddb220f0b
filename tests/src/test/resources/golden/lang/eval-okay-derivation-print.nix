# a derivation refers to itself (all, out), so parts are printed as repeated
derivation { name = "hello"; builder = "/bin/sh"; system = "x86_64-linux"; }
