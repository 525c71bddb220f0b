builtins.addErrorContext "not shown" 5
