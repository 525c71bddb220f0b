with builtins; [
  (replaceStrings [ "o" ] [ "0" ] "foo boo")
  (replaceStrings [ "oo" "o" ] [ "X" "Y" ] "foooo o")
  (replaceStrings [ "" ] [ "-" ] "abc")
  (replaceStrings [ "a" "" ] [ "A" "_" ] "abab")
  (replaceStrings [ ] [ ] "same")
  (replaceStrings [ "x" ] [ "yy" ] "")
  (replaceStrings [ "" ] [ "E" ] "")
  (replaceStrings [ "a" "b" ] [ "b" "a" ] "ab")
]
