builtins.concatStringsSep "," [ "a" { } ]
