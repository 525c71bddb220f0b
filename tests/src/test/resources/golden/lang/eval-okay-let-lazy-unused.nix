let unused = throw "never"; x = 1; in x
