builtins.addErrorContext "while doing the thing" (builtins.addErrorContext "in the inner thing" (throw "inner failure"))
