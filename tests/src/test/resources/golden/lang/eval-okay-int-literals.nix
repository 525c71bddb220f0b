# integer literals, including big ones and leading zeros
[ 0 1 42 007 1234567890 9223372036854775807 (-1) (-9223372036854775807) (- 5) ]
