(import ./common.nix).mk { name = "fixed-md5"; outputHashAlgo = "md5"; outputHash = "b1946ac92492d2347c6235b4d2611184"; }
