with builtins; map (t: [ (hashString t "") (hashString t "abc") ]) [ "md5" "sha1" "sha256" "sha512" ]
