package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * Nix's {@code ==}: deep and forcing; numbers compare across int and float; string contexts are
 * ignored; derivations compare by outPath; functions are never equal, except that list elements
 * and attribute values that are the very same value compare equal without being forced.
 */
public final class Equality {
    private Equality() {
    }

    public static boolean equalLazy(EvalState st, Lazy a, Lazy b, Pos pos) {
        return a == b || equal(st, a.force(), b.force(), pos);
    }

    public static boolean equal(EvalState st, Value a, Value b, Pos pos) {
        if (a instanceof NixInt x) {
            if (b instanceof NixInt y) {
                return x.value() == y.value();
            }
            return b instanceof NixFloat y && x.value() == y.value();
        }
        if (a instanceof NixFloat x) {
            if (b instanceof NixFloat y) {
                return x.value() == y.value();
            }
            return b instanceof NixInt y && x.value() == y.value();
        }
        if (a instanceof NixString x) {
            return b instanceof NixString y && x.value().equals(y.value());
        }
        if (a instanceof NixPath x) {
            return b instanceof NixPath y && x.path().equals(y.path());
        }
        if (a instanceof NixBool || a instanceof NixNull) {
            return a == b;
        }
        if (a instanceof NixList x) {
            if (!(b instanceof NixList y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equalLazy(st, x.get(i), y.get(i), pos)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof NixAttrs x) {
            return b instanceof NixAttrs y && equalAttrs(st, x, y, pos);
        }
        return false;
    }

    private static boolean equalAttrs(EvalState st, NixAttrs x, NixAttrs y, Pos pos) {
        if (st.isDerivation(x) && st.isDerivation(y)) {
            Lazy p = x.get("outPath");
            Lazy q = y.get("outPath");
            if (p != null && q != null) {
                return equalLazy(st, p, q, pos);
            }
        }
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!x.name(i).equals(y.name(i))) {
                return false;
            }
        }
        for (int i = 0; i < x.size(); i++) {
            if (!equalLazy(st, x.value(i), y.value(i), pos)) {
                return false;
            }
        }
        return true;
    }
}
