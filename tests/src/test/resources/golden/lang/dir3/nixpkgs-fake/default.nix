{ name = "fake nixpkgs"; }
