# "00.5" is the integer 00 followed by the float .5; "1." is a float
[ 00.5 1. 2.0 ]
