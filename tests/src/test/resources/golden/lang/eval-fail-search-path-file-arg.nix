"never evaluated: the file argument before it is not found"
