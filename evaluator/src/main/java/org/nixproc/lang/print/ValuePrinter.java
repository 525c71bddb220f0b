package org.nixproc.lang.print;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.PrimOp;
import org.nixproc.lang.value.PrimOpApp;
import org.nixproc.lang.value.Thunk;
import org.nixproc.lang.value.Value;

/**
 * Values printed as {@code nix-instantiate --eval} prints them. It forces nothing: a thunk not yet
 * evaluated prints as {@code <CODE>}. A non-empty set or list printed a second time prints as
 * {@code «repeated»}, which also stops cycles.
 */
public final class ValuePrinter {
    private static final String REPEATED = org.nixproc.lang.eval.Bytes.fromJava("«repeated»");

    private final StringBuilder out = new StringBuilder();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private ValuePrinter() {
    }

    public static String print(Lazy v) {
        ValuePrinter p = new ValuePrinter();
        // The value printed is Nix's copy of the result, so a small list at the top is new to it.
        p.lazy(v, new Object());
        return p.out.toString();
    }

    /**
     * Prints a value reached through {@code holder}. Nix stores lists of one or two elements
     * inside the value that holds them, so such a list is "the same" only when reached through
     * the same holder; larger lists and sets are shared by reference.
     */
    private void lazy(Lazy l, Object holder) {
        if (l instanceof Thunk t && !t.isEvaluated()) {
            out.append("<CODE>");
        } else {
            value(l.force(), holder);
        }
    }

    private void lazy(Lazy l) {
        lazy(l, l);
    }

    private void value(Value v, Object holder) {
        if (v instanceof NixInt i) {
            out.append(i.value());
        } else if (v instanceof NixFloat f) {
            out.append(FloatFormat.format(f.value()));
        } else if (v instanceof NixBool b) {
            out.append(b.value() ? "true" : "false");
        } else if (v == NixNull.NULL) {
            out.append("null");
        } else if (v instanceof NixString s) {
            StringEscapes.quote(out, s.value());
        } else if (v instanceof NixPath p) {
            out.append(p.path());
        } else if (v instanceof NixAttrs a) {
            if (a.size() > 0 && !seen.add(a)) {
                out.append(REPEATED);
                return;
            }
            out.append("{ ");
            for (int i = 0; i < a.size(); i++) {
                out.append(StringEscapes.attrName(a.name(i))).append(" = ");
                lazy(a.value(i));
                out.append("; ");
            }
            out.append('}');
        } else if (v instanceof NixList l) {
            if (l.size() > 0 && !seen.add(l.size() <= 2 ? holder : l)) {
                out.append(REPEATED);
                return;
            }
            out.append("[ ");
            for (Lazy e : l.elements()) {
                lazy(e);
                out.append(' ');
            }
            out.append(']');
        } else if (v instanceof Lambda) {
            out.append("<LAMBDA>");
        } else if (v instanceof PrimOp) {
            out.append("<PRIMOP>");
        } else if (v instanceof PrimOpApp) {
            out.append("<PRIMOP-APP>");
        }
    }
}
