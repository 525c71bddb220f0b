map builtins.toJSON [ "é" "\u" "/" "<>&" "${builtins.fromJSON ''"\u0001\u001f\u007f"''}" ]
