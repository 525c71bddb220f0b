let name = { }; in "hello ${name}"
