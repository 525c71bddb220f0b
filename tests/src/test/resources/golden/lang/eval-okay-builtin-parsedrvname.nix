map builtins.parseDrvName [ "nix-2.8.0" "hello" "foo-bar-1.2" "a-b-c" "gcc-wrapper-12.2.0-pre" "x-1a" "-1" "name-" ]
