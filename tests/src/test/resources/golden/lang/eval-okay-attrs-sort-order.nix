# attribute names are printed in byte order
{ b = 1; a = 2; B = 3; _z = 4; Z = 5; "é" = 6; "z" = 7; "a_" = 8; "aa" = 9; "A" = 10; "_" = 11; "0" = 12; "~" = 13; }
