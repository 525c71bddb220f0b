{ fromDir3 = true; }
