[ { outPath = "/nix/store/abc"; other = 1; } { __toString = s: "x"; y = 2; } ]
