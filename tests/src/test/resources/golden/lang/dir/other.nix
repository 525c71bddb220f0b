"other file in dir"
