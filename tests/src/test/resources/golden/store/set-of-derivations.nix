let inherit (import ./common.nix) mk; in {
  one = mk { name = "one"; };
  two = mk { name = "two"; outputs = [ "out" "doc" ]; };
  nested = { recurseForDerivations = true; three = mk { name = "three"; }; };
  hidden = { four = mk { name = "four"; }; };
}
