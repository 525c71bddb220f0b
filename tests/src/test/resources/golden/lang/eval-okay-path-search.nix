[ <foo.nix> <only4.nix> <sub/deep.nix> (import <foo.nix>) (import <bar.nix>) (import <nixpkgs>) <nixpkgs> ]
