let f = { name, value ? 1 }: name; in f { name = "x"; valeu = 2; }
