# which attribute names get quoted when printed
{ "a b" = 1; "1a" = 2; "a'" = 3; "a-b" = 4; "-a" = 5; "a.b" = 6; "" = 7; "x\"y" = 8; "n\nl" = 9; "d$" = 10; "_a" = 11; "'a" = 12; "é" = 13; }
