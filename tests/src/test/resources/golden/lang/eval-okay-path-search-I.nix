[ <bar.nix> (import <bar.nix>) (import <pkgs>) <pk> <foo.nix> ]
