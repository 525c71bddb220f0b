./some/path
