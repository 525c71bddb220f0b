{ ${toString 1} = 1; ${1} = 2; }
