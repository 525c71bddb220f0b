[ "a\nb" "tab\there" "cr\rx" "back\\slash" "quote\"q" "dollar\$" "\${notinterp}" "$${x}" "$" "a$" "$$" "$a" "\x\y\z" "é" "\0" "multi
line" ]
