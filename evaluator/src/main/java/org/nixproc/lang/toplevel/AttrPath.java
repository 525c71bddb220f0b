package org.nixproc.lang.toplevel;

import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Suggestions;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.Value;

/**
 * Nix's findAlongAttrPath, behind -A: an attribute path ({@code a.b."c.d".0}) followed through
 * sets and list indices, auto-calling each value on the way.
 */
public final class AttrPath {
    private AttrPath() {
    }

    /** The value {@code path} selects in {@code root}, functions on the way called with {@code args}. */
    public static Value select(EvalState state, Value root, String path, NixAttrs args) {
        Value v = root;
        for (String attr : split(path)) {
            v = AutoArgs.autoCall(state, v, args);
            if (attr.matches("[0-9]+")) {
                if (!(v instanceof NixList list)) {
                    throw new NixError("the expression selected by the selection path '" + path
                            + "' should be a list but is " + v.describe(), Pos.NONE);
                }
                int idx = Integer.parseInt(attr);
                if (idx >= list.size()) {
                    throw new NixError("list index " + idx + " in selection path '" + path + "' is out of range",
                            Pos.NONE);
                }
                v = list.get(idx).force();
            } else {
                if (!(v instanceof NixAttrs attrs)) {
                    throw new NixError("the expression selected by the selection path '" + path
                            + "' should be a set but is " + v.describe(), Pos.NONE);
                }
                Lazy a = attrs.get(attr);
                if (a == null) {
                    throw new NixError("attribute '" + attr + "' in selection path '" + path + "' not found",
                            Pos.NONE, Suggestions.didYouMean(attr, attrs.names()));
                }
                v = a.force();
            }
        }
        return v;
    }

    /** Splits "a.b.\"c.d\"" into a, b, c.d. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
