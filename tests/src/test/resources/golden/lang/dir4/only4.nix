"dir4 only"
