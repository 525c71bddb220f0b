[ (builtins.builtins.builtins.add 1 2) (builtins.true) (builtins.false) (builtins.null) builtins.langVersion (builtins.typeOf builtins) ]
