package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;

/** (being written) */
final class StringBuiltins {
    private StringBuiltins() {
    }

    static void register(BuiltinRegistry r) {
    }
}
