package org.nixproc.lang.value;

/**
 * What a variable, list element, attribute or argument holds: a value, or a thunk that
 * computes one on first use. Nix is lazy exactly where it stores a Lazy.
 */
public sealed interface Lazy permits Value, Thunk {
    /** The value, computing and remembering it if this is a thunk. */
    Value force();
}
