{ a.b.c = 1; a.d = 2; a.b.e = 3; x = { y = 1; }; x.z = 2; "q r".s = 3; }
