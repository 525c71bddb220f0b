let x = "a"; in { a = 1; ${x} = 2; }
