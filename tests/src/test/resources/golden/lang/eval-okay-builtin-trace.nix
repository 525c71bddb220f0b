builtins.trace "a trace message" (builtins.trace { a = 1; } (builtins.trace [ 1 "x" ] 42))
