{ lambda = x: x; formals = { a }: a; primop = builtins.add; partial = builtins.add 1; partialLambda = (a: b: a) 1; functor = { __functor = s: x: x; }; }
