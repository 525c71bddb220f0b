import <nix/fetchurl.nix> { url = "http://example.org/file.tar.gz"; sha256 = "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"; }
