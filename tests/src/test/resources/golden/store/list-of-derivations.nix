let inherit (import ./common.nix) mk; in [ (mk { name = "first"; }) (mk { name = "second"; }) ]
