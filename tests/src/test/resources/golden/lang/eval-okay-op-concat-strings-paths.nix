[ ("a" + "b") (./. + "/x") (builtins.typeOf (./. + "/x")) (./a + ./b) ("/abs" + "/rel") (builtins.typeOf ("/abs" + toString ./rel)) ]
