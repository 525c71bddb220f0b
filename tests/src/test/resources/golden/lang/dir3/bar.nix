"dir3 bar"
