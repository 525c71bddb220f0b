[
''
    four
  two
      six
''
''
  	tab after spaces
  x
''
''
	tab
	tab2
''
]
