let s = {
  a = 1;
    b.c = 2;
  inherit s;
};
in [ (builtins.unsafeGetAttrPos "a" s) (builtins.unsafeGetAttrPos "b" s) (builtins.unsafeGetAttrPos "zz" s) (builtins.unsafeGetAttrPos "s" s) ]
