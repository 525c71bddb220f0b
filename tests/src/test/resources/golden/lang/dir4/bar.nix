"dir4 bar"
