{ fromDefault = true; here = ./.; file = ./default.nix; }
