# partition forces every element before calling the predicate.
builtins.length (builtins.partition (x: true) [ 1 (throw "element") ]).right
