let inner = { v = 1; }; outer = { i = inner; j = inner; }; in { a = outer; b = outer; c = inner; }
