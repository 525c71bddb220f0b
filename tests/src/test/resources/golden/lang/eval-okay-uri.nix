[ http://example.org/a?b=c&d=e https://nixos.org/ ftp://x.y mailto:someone@example.org x:y (builtins.typeOf http://x.org) urn:isbn:0451450523 ]
