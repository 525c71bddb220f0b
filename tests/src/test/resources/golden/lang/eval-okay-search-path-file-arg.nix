# The file argument before this one is found through the search path.
"second"
