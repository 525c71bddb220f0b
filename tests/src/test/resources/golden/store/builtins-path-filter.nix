(import ./common.nix).mk {
  name = "filtered";
  src = builtins.path { name = "tree-no-logs"; path = ./src/tree; filter = p: t: builtins.match ".*\\.log" p == null; };
}
