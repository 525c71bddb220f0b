(import ./common.nix).mk { name = "types"; int = 42; float = 1.5; yes = true; no = false; nothing = null; list = [ 1 "two" [ 3 ] ]; path = "${./src/hello.txt}"; }
