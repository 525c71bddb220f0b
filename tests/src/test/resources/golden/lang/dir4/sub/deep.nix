"in dir4/sub"
