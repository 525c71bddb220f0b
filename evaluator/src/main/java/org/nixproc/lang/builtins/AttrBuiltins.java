package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;

/** (being written) */
final class AttrBuiltins {
    private AttrBuiltins() {
    }

    static void register(BuiltinRegistry r) {
    }
}
