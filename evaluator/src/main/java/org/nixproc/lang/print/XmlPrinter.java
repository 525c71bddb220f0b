package org.nixproc.lang.print;

import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.Lazy;

/** (being written) */
public final class XmlPrinter {
    private XmlPrinter() {
    }

    public static String print(EvalState state, Lazy v, boolean strict, boolean location) {
        throw new NixError("--xml is being written", Pos.NONE);
    }
}
