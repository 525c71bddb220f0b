package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;

/** (being written) */
final class JsonBuiltins {
    private JsonBuiltins() {
    }

    static void register(BuiltinRegistry r) {
    }
}
