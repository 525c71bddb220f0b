# the with scope is evaluated only when a variable is looked up in it
[ (with (throw "unused"); 1) (let x = 2; in with (abort "no"); x) ]
