let x = "X"; multi = "l1\n  l2"; in [
''
  ${x} at start
    ${x}
  mid ${x} end
''
''
  ${multi}
  after
''
''
    ${x}
  two
''
]
