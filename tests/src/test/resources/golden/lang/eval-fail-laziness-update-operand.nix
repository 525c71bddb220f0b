({ a = 1; } // throw "operand").a
