let f = { a ? throw "default evaluated" }: a; in f { }
