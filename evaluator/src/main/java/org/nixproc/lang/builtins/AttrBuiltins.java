package org.nixproc.lang.builtins;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.ApplyThunk;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The attribute-set builtins: attrNames, attrValues, getAttr, hasAttr, removeAttrs,
 * intersectAttrs, mapAttrs and zipAttrsWith. Sets are kept sorted by name, so most of these
 * walk the arrays of the set once and build the result without sorting again.
 */
final class AttrBuiltins {
    private AttrBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__attrNames", 1, AttrBuiltins::attrNames);
        r.primop("__attrValues", 1, AttrBuiltins::attrValues);
        r.primop("__getAttr", 2, AttrBuiltins::getAttr);
        r.primop("__hasAttr", 2, (st, a, pos) -> {
            String name = st.forceStringNoContext(a[0], pos).value();
            return NixBool.of(st.forceAttrs(a[1], pos).has(name));
        });
        r.primop("removeAttrs", 2, AttrBuiltins::removeAttrs);
        r.primop("__intersectAttrs", 2, AttrBuiltins::intersectAttrs);
        r.primop("__mapAttrs", 2, AttrBuiltins::mapAttrs);
        r.primop("__zipAttrsWith", 2, AttrBuiltins::zipAttrsWith);
    }

    /**
     * Nix's error for an attribute a builtin requires: at the set's position with the call
     * named in a trace, or at the call when the set has no position.
     */
    static NixError missingAttr(String name, String function, NixAttrs attrs, Pos pos) {
        String msg = "attribute '" + name + "' missing for call to '" + function + "'";
        Pos at = attrs.pos();
        if (!at.isKnown()) {
            return new NixError(msg, pos);
        }
        return new NixError(msg, at).addTrace(pos, "while invoking '" + function + "'");
    }

    private static Value attrNames(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs attrs = st.forceAttrs(a[0], pos);
        Lazy[] out = new Lazy[attrs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = NixString.of(attrs.name(i));
        }
        return new NixList(out);
    }

    private static Value attrValues(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs attrs = st.forceAttrs(a[0], pos);
        Lazy[] out = new Lazy[attrs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = attrs.value(i);
        }
        return new NixList(out);
    }

    private static Value getAttr(EvalState st, Lazy[] a, Pos pos) {
        String name = st.forceStringNoContext(a[0], pos).value();
        NixAttrs attrs = st.forceAttrs(a[1], pos);
        Lazy v = attrs.get(name);
        if (v == null) {
            throw missingAttr(name, "getAttr", attrs, pos);
        }
        return v.force();
    }

    private static Value removeAttrs(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs attrs = st.forceAttrs(a[0], pos);
        Lazy[] names = st.forceList(a[1], pos).elements();
        Set<String> remove = new HashSet<>(names.length * 2);
        for (Lazy n : names) {
            remove.add(st.forceStringNoContext(n, pos).value());
        }
        int n = attrs.size();
        String[] rn = new String[n];
        Lazy[] rv = new Lazy[n];
        Pos[] rp = new Pos[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!remove.contains(attrs.name(i))) {
                rn[k] = attrs.name(i);
                rv[k] = attrs.value(i);
                rp[k++] = attrs.position(i);
            }
        }
        if (k == n) {
            return attrs;
        }
        return new NixAttrs(Arrays.copyOf(rn, k), Arrays.copyOf(rv, k), Arrays.copyOf(rp, k));
    }

    /** The attributes of the second set whose names the first has: one walk of both. */
    private static Value intersectAttrs(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs left = st.forceAttrs(a[0], pos);
        NixAttrs right = st.forceAttrs(a[1], pos);
        int n = Math.min(left.size(), right.size());
        String[] rn = new String[n];
        Lazy[] rv = new Lazy[n];
        Pos[] rp = new Pos[n];
        int k = 0;
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            int c = left.name(i).compareTo(right.name(j));
            if (c < 0) {
                i++;
            } else if (c > 0) {
                j++;
            } else {
                rn[k] = right.name(j);
                rv[k] = right.value(j);
                rp[k++] = right.position(j);
                i++;
                j++;
            }
        }
        if (k < n) {
            rn = Arrays.copyOf(rn, k);
            rv = Arrays.copyOf(rv, k);
            rp = Arrays.copyOf(rp, k);
        }
        return new NixAttrs(rn, rv, rp);
    }

    /** Each value is the suspended application f name value; the result has no positions. */
    private static Value mapAttrs(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs attrs = st.forceAttrs(a[1], pos);
        int n = attrs.size();
        String[] rn = new String[n];
        Lazy[] rv = new Lazy[n];
        for (int i = 0; i < n; i++) {
            rn[i] = attrs.name(i);
            rv[i] = new ApplyThunk(st, a[0], Pos.NONE, NixString.of(rn[i]), attrs.value(i));
        }
        return new NixAttrs(rn, rv, NixAttrs.NO_POSITIONS);
    }

    /**
     * For each name in any of the sets, f name [values of that name, in list order], suspended.
     * All sets are forced first; a non-set is reported without a position, as Nix does.
     */
    private static Value zipAttrsWith(EvalState st, Lazy[] a, Pos pos) {
        st.forceFunction(a[0], pos);
        Lazy[] xs = st.forceList(a[1], pos).elements();
        NixAttrs[] sets = new NixAttrs[xs.length];
        TreeMap<String, int[]> counts = new TreeMap<>();
        for (int i = 0; i < xs.length; i++) {
            Value v = xs[i].force();
            if (!(v instanceof NixAttrs s)) {
                throw st.typeError(v, "a set", Pos.NONE).addTrace(pos, "while invoking 'zipAttrsWith'");
            }
            sets[i] = s;
            for (int j = 0; j < s.size(); j++) {
                counts.computeIfAbsent(s.name(j), k -> new int[2])[0]++;
            }
        }
        int n = counts.size();
        String[] rn = counts.keySet().toArray(new String[0]);
        Lazy[][] lists = new Lazy[n][];
        int idx = 0;
        for (int[] c : counts.values()) {
            lists[idx] = new Lazy[c[0]];
            // c[0] now becomes the index of this name's list; c[1] the next free slot.
            c[0] = idx++;
        }
        for (NixAttrs s : sets) {
            for (int j = 0; j < s.size(); j++) {
                int[] c = counts.get(s.name(j));
                lists[c[0]][c[1]++] = s.value(j);
            }
        }
        Lazy[] rv = new Lazy[n];
        for (int i = 0; i < n; i++) {
            rv[i] = new ApplyThunk(st, a[0], Pos.NONE, NixString.of(rn[i]), new NixList(lists[i]));
        }
        return new NixAttrs(rn, rv, NixAttrs.NO_POSITIONS);
    }
}
