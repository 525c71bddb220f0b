# nothing else here
