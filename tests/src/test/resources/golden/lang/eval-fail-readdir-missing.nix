builtins.readDir ./no-such-dir
