(import ./common.nix).mk { name = "escapes"; text = "quote \" backslash \\ newline \n tab \t cr \r dollar $ unicode é ✓"; args = [ "-c" "printf '%s' \"$text\" > $out" ]; }
