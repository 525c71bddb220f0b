with builtins; [ (pathExists ./data/hello.txt) (pathExists ./data/nope) (pathExists ./data) (pathExists ./data/subdir) (pathExists "/definitely/not/here") (pathExists ./data/link-to-hello) ]
