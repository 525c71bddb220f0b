let a = 1; b = 2; s = { c = 3; d = 4; e.f = 5; }; in { inherit a b; inherit (s) c d; inherit (s.e) f; inherit ({ g = 7; }) g; }
