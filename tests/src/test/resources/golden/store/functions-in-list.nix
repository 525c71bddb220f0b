# Functions at the top and in a list are called, with their defaults, before the search.
let inherit (import ./common.nix) mk; in
[ ({ name ? "called-in-list" }: mk { inherit name; }) (mk { name = "plain"; }) ({ n ? "nested", ... }: [ (mk { name = n; }) ]) ]
