''

    a

      b

    c
''
