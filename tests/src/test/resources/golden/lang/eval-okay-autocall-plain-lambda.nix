# a lambda without formals is not auto-called
x: x
