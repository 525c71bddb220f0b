with builtins; [ (splitVersion "1.2.3") (splitVersion "2.3pre1") (splitVersion "1.0-rc2") (splitVersion "") (splitVersion "abc") (splitVersion "1..2") (splitVersion "v1_2") ]
