builtins.fromTOML ''
  title = "example"
  n = 42
  f = 1.5
  b = true
  arr = [ 1, 2, 3 ]
  [table]
  key = "value"
  [table.sub]
  x = -1
  [[items]]
  name = "one"
  [[items]]
  name = "two"
''
