[ (builtins.getEnv "TEST_VAR") (builtins.getEnv "NIXPROC_SURELY_UNSET_VAR") (builtins.getEnv "HOME") ]
