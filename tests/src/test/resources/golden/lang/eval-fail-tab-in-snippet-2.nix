let
		x = 1;
	  y = z;
in y
