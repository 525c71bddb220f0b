with builtins; [ (match "[$][{](.*)[}]" "\${x}") (match "\\$(.*)" "$y") (match "a[{]" "a{") ]
