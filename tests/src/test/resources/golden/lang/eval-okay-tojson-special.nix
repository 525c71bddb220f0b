with builtins; [ (toJSON { outPath = "/some/path"; a = 1; }) (toJSON { __toString = s: "ts"; a = 1; }) (toJSON ./data/hello.txt) (toJSON null) (toJSON 1.5) ]
