{ a = 1; b = abort "attribute b"; }
