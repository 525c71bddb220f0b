"idir bar"
