"from -I idir"
