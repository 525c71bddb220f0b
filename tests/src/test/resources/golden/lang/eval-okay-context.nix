with builtins; [ (hasContext "plain") (getContext "plain") (hasContext (unsafeDiscardStringContext "${./data/hello.txt}")) (attrNames (getContext "${./data/hello.txt}")) ]
