let k = "key"; n = null; in { ${k} = 1; "${k}2" = 2; ${"a" + "b"} = 3; ${n} = 4; x.${k} = 5; "lit" = 6; }
