"yes" && true
