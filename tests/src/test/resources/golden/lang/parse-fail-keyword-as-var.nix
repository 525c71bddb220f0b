let then = 1; in then
