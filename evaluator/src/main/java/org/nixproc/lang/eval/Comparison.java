package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/** The ordering of builtins.lessThan and the {@code <} operators: numbers, strings, paths, lists. */
public final class Comparison {
    private Comparison() {
    }

    public static boolean lessThan(EvalState st, Value a, Value b, Pos pos) {
        if (a instanceof NixInt x && b instanceof NixInt y) {
            return x.value() < y.value();
        }
        if ((a instanceof NixInt || a instanceof NixFloat) && (b instanceof NixInt || b instanceof NixFloat)) {
            return st.forceFloat(a, pos) < st.forceFloat(b, pos);
        }
        if (a instanceof NixString x && b instanceof NixString y) {
            return x.value().compareTo(y.value()) < 0;
        }
        if (a instanceof NixPath x && b instanceof NixPath y) {
            return x.path().compareTo(y.path()) < 0;
        }
        if (a instanceof NixList x && b instanceof NixList y) {
            for (int i = 0;; i++) {
                if (i == y.size()) {
                    return false;
                }
                if (i == x.size()) {
                    return true;
                }
                if (!Equality.equalLazy(st, x.get(i), y.get(i), pos)) {
                    return lessThan(st, x.get(i).force(), y.get(i).force(), pos);
                }
            }
        }
        throw new NixError("cannot compare " + a.describe() + " with " + b.describe(), Pos.NONE);
    }
}
