# sort forces every element, even with one element.
builtins.length (builtins.sort (a: b: false) [ (throw "element") ])
