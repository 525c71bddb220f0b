"scalar \n string"
