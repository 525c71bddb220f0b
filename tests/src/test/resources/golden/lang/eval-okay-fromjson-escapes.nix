builtins.fromJSON ''[ "\u00e9", "\n\t\"\\\/", "\u0041\u0062", "\ud83d\ude00", "snow \u2603" ]''
