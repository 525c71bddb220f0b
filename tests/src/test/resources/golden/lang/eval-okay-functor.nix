let counter = { n = 5; __functor = self: x: self.n + x; }; in [ (counter 1) (counter 10) (builtins.isFunction counter) (builtins.isAttrs counter) ]
