(import ./common.nix).mk { name = "nulls"; __ignoreNulls = true; dropped = null; kept = "x"; }
