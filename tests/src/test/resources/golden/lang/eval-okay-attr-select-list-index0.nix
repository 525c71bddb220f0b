{ a = { b = { c = "deep"; }; }; list = [ "zero" { x = "one"; } ]; top = 1; }
