let s = builtins.listToAttrs (builtins.genList (i: { name = "attr${toString i}"; value = i; }) 20); in s.attr
