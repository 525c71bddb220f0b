let pkgs = { hello = 1; hellp = 2; world = 3; }; in pkgs.helo
