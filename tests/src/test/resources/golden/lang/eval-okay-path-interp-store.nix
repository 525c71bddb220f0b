# a path interpolated into a string is copied to the store; the hash depends only on the contents
[ "${./data/hello.txt}" "${./data/subdir}" (builtins.stringLength "${./data/hello.txt}") ]
