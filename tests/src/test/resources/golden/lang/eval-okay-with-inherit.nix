# inherit takes variables from an enclosing with
with { a = 1; b = 2; }; { inherit a b; }
