(import ./common.nix).mk { name = "passasfile"; big = "a lot of text"; passAsFile = [ "big" ]; }
