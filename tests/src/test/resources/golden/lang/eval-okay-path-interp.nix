let x = "sub"; n = 1; in [ ./a/${x} ./${x}/b ./a/${x}-${toString n}.nix /abs/${x} ~/${x} ]
