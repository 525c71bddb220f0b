# evaluated with scopedImport: free variables come from the given scope
[ injected (builtins.typeOf map) ]
