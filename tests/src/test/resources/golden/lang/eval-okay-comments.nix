# line comment
/* block
   comment */ [ 1 /* inline */ 2 # trailing
  /**/ 3 /* * / still comment */ 4
  "# not a comment" "/* not a comment */"
  ''# not a comment either''
]
