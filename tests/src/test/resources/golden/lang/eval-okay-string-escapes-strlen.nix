map builtins.stringLength [ "\n" "\\" "\${" "$${" "$" "é" "\t\r" "" ]
