with builtins; [ (attrNames { b = 1; a = 2; "A" = 3; }) (attrValues { b = 1; a = 2; "A" = 3; }) (attrNames { }) (attrValues { }) ]
