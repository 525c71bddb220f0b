# A function at the top is called with its defaults.
{ name ? "called-at-top" }: (import ./common.nix).mk { inherit name; }
