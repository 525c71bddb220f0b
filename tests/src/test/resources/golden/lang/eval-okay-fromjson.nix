builtins.fromJSON ''{ "a": 1, "b": [ true, false, null ], "c": "str", "d": { "e": -2.5 }, "f": [], "g": {}, "h": 1.0, "i": 1e3, "j": -0, "k": 12345678901 }''
