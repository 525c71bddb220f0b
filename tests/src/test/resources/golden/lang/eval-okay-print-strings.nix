[ "plain" "" "with \"quotes\"" "back\\slash" "nl\nx" "tab\tx" "cr\rx" "dollar $ sign" "\${interp}" "ünïcödé" "bell" ]
