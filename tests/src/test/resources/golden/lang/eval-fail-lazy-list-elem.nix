# --strict forces list elements
[ 1 (throw "element two") ]
