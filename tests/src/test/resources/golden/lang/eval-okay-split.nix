with builtins; [ (split "," "a,b,c") (split "(,)" "a,b") (split "([ab])" "xaybz") (split "x" "") (split "x" "abc") (split "(a)|(b)" "1a2b3") (split "," ",") (split "a*" "baab") ]
