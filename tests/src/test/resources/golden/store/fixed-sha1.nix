(import ./common.nix).mk { name = "fixed-sha1"; outputHashAlgo = "sha1"; outputHash = "f572d396fae9206628714fb2ce00f72e94f2258f"; }
