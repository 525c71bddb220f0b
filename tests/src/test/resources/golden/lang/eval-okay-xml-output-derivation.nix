{ d = { type = "derivation"; name = "fake"; outPath = "/nix/store/fake"; drvPath = "/nix/store/fake.drv"; }; l = [ 1 ]; }
