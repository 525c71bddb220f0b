(import ./common.nix).mk { name = "placeholder"; outputs = [ "out" "bin" ]; binDir = "${placeholder "bin"}/bin"; self = placeholder "out"; }
