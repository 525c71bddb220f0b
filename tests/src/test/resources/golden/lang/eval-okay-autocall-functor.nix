{ __functor = self: { a ? 3 }: a * 2; }
