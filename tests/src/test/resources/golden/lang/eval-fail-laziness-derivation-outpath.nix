(derivation { name = "lazy"; system = "x86_64-linux"; builder = "/bin/sh"; extra = throw "extra forced by outPath"; }).outPath
