let s = { foo = 1; "a b" = 2; bar.baz = 3; }; k = "foo"; in [ s.${k} s."a b" s.${"b" + "ar"}.baz s."${k}" (s ? ${k}) (s ? "a b") ]
