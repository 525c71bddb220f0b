package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;

/** (being written) */
final class ListBuiltins {
    private ListBuiltins() {
    }

    static void register(BuiltinRegistry r) {
    }
}
