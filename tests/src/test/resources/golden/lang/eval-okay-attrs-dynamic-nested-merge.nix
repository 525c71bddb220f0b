let k = "a"; in { ${k}.x = 1; b.${k} = 2; b.c = 3; }
