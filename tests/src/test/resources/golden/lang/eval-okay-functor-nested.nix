# the result of __functor may itself be a functor
let f = { __functor = self: { __functor = self2: x: x * 3; }; }; in f 2
