# a set with type = "derivation" prints normally under --eval --strict
{ type = "derivation"; name = "fake"; outPath = "/nix/store/fake"; }
