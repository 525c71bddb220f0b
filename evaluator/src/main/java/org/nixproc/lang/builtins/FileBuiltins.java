package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;

/** (being written) */
final class FileBuiltins {
    private FileBuiltins() {
    }

    static void register(BuiltinRegistry r) {
    }
}
