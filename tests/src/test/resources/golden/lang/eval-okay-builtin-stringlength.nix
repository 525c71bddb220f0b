with builtins; [ (stringLength "") (stringLength "abc") (stringLength "é") (stringLength "日本") (stringLength "a\nb") (stringLength "${toString 123}") ]
