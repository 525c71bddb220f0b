with builtins; [ (hashFile "sha256" ./data/hello.txt) (hashFile "md5" ./data/empty.txt) (hashString "sha256" (readFile ./data/hello.txt)) ]
