package org.nixproc.lang.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.ApplyThunk;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Equality;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.Interruption;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.Value;

/**
 * The list builtins: map, filter, foldl', genList, length, elemAt, head, tail, concatLists,
 * concatMap, elem, any, all, partition, groupBy, listToAttrs and catAttrs (sort and
 * genericClosure live in {@link SortBuiltins}, registered from here).
 *
 * <p>Each one forces exactly what Nix 2.8 forces: map and genList build suspended applications,
 * filter and partition keep the elements themselves lazy, foldl' forces each intermediate
 * accumulator. Functions applied by Nix with no position (map's and genList's suspended
 * applications, filter's predicate) are called with {@link Pos#NONE} so that their errors are
 * reported as Nix reports them.
 */
final class ListBuiltins {
    private static final Lazy[] NO_ELEMENTS = new Lazy[0];

    private ListBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("map", 2, ListBuiltins::map);
        r.primop("__filter", 2, ListBuiltins::filter);
        r.primop("__foldl'", 3, ListBuiltins::foldlStrict);
        r.primop("__genList", 2, ListBuiltins::genList);
        r.primop("__length", 1, (st, a, pos) -> NixInt.of(st.forceList(a[0], pos).size()));
        r.primop("__elemAt", 2, (st, a, pos) -> {
            // Nix evaluates the index before the list.
            long n = st.forceInt(a[1], pos);
            return elemAt(st, a[0], n, pos);
        });
        r.primop("__head", 1, (st, a, pos) -> elemAt(st, a[0], 0, pos));
        r.primop("__tail", 1, ListBuiltins::tail);
        r.primop("__concatLists", 1, ListBuiltins::concatLists);
        r.primop("__concatMap", 2, ListBuiltins::concatMap);
        r.primop("__elem", 2, ListBuiltins::elem);
        r.primop("__any", 2, (st, a, pos) -> anyOrAll(st, a, pos, true));
        r.primop("__all", 2, (st, a, pos) -> anyOrAll(st, a, pos, false));
        r.primop("__partition", 2, ListBuiltins::partition);
        r.primop("__groupBy", 2, ListBuiltins::groupBy);
        r.primop("__listToAttrs", 1, ListBuiltins::listToAttrs);
        r.primop("__catAttrs", 2, ListBuiltins::catAttrs);
        SortBuiltins.register(r);
    }

    /** The function is not forced: {@code map 1 []} is {@code []}. */
    private static Value map(EvalState st, Lazy[] a, Pos pos) {
        Lazy[] xs = st.forceList(a[1], pos).elements();
        Lazy[] out = new Lazy[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = new ApplyThunk(st, a[0], Pos.NONE, xs[i]);
        }
        return new NixList(out);
    }

    private static Value filter(EvalState st, Lazy[] a, Pos pos) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        NixList list = st.forceList(a[1], pos);
        Lazy[] xs = list.elements();
        Lazy[] kept = new Lazy[xs.length];
        int k = 0;
        for (Lazy x : xs) {
            if (st.forceBool(st.call(f, x, Pos.NONE), pos)) {
                kept[k++] = x;
            }
        }
        return k == xs.length ? list : new NixList(Arrays.copyOf(kept, k));
    }

    /**
     * Each step's result is a value (calling evaluates the body), so the accumulator is strict;
     * the initial accumulator is forced only when the list is empty.
     */
    private static Value foldlStrict(EvalState st, Lazy[] a, Pos pos) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        Lazy[] xs = st.forceList(a[2], pos).elements();
        if (xs.length == 0) {
            return a[1].force();
        }
        Value acc = null;
        Lazy prev = a[1];
        for (Lazy x : xs) {
            acc = st.call(f, new Lazy[] {prev, x}, pos);
            prev = acc;
        }
        return acc;
    }

    private static Value genList(EvalState st, Lazy[] a, Pos pos) {
        long len = st.forceInt(a[1], pos);
        if (len < 0) {
            throw new NixError("cannot create list of size " + len, pos);
        }
        if (len > Integer.MAX_VALUE - 8) {
            throw new NixError("cannot create list of size " + len, pos);
        }
        Lazy[] out = new Lazy[(int) len];
        for (int i = 0; i < out.length; i++) {
            if ((i & 0xffff) == 0) {
                Interruption.check(); // a long list is built without calling anything
            }
            out[i] = new ApplyThunk(st, a[0], Pos.NONE, NixInt.of(i));
        }
        return new NixList(out);
    }

    private static Value elemAt(EvalState st, Lazy list, long n, Pos pos) {
        NixList l = st.forceList(list, pos);
        if (n < 0 || n >= l.size()) {
            throw new NixError("list index " + n + " is out of bounds", pos);
        }
        return l.get((int) n).force();
    }

    private static Value tail(EvalState st, Lazy[] a, Pos pos) {
        Lazy[] xs = st.forceList(a[0], pos).elements();
        if (xs.length == 0) {
            throw new NixError("'tail' called on an empty list", pos);
        }
        return new NixList(Arrays.copyOfRange(xs, 1, xs.length));
    }

    private static Value concatLists(EvalState st, Lazy[] a, Pos pos) {
        Lazy[] lists = st.forceList(a[0], pos).elements();
        NixList[] parts = new NixList[lists.length];
        long total = 0;
        for (int i = 0; i < lists.length; i++) {
            parts[i] = st.forceList(lists[i], pos);
            total += parts[i].size();
        }
        return concat(parts, total);
    }

    /** The lists end to end; a single non-empty list is returned as it is. */
    private static NixList concat(NixList[] parts, long total) {
        if (total == 0) {
            return new NixList(NO_ELEMENTS);
        }
        Lazy[] out = new Lazy[Math.toIntExact(total)];
        int k = 0;
        for (NixList p : parts) {
            if (p.size() == total) {
                return p;
            }
            System.arraycopy(p.elements(), 0, out, k, p.size());
            k += p.size();
        }
        return new NixList(out);
    }

    private static Value concatMap(EvalState st, Lazy[] a, Pos pos) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        Lazy[] xs = st.forceList(a[1], pos).elements();
        NixList[] parts = new NixList[xs.length];
        long total = 0;
        for (int i = 0; i < xs.length; i++) {
            Value r = st.call(f, xs[i], pos);
            if (!(r instanceof NixList l)) {
                // Nix reports the result's own position, else the function's.
                Pos where = valuePos(r, valuePos(f, pos));
                throw st.typeError(r, "a list", where).addTrace(pos, "while invoking 'concatMap'");
            }
            parts[i] = l;
            total += l.size();
        }
        return concat(parts, total);
    }

    /** Where a value is defined, as Nix's determinePos: lambdas and sets have one. */
    static Pos valuePos(Value v, Pos fallback) {
        if (v instanceof Lambda l) {
            return l.expr().pos();
        }
        if (v instanceof NixAttrs s) {
            return s.pos();
        }
        return fallback;
    }

    /** Forces elements only until one is equal. */
    private static Value elem(EvalState st, Lazy[] a, Pos pos) {
        Lazy x = a[0];
        for (Lazy e : st.forceList(a[1], pos).elements()) {
            x.force();
            e.force();
            if (Equality.equalLazy(st, x, e, pos)) {
                return NixBool.TRUE;
            }
        }
        return NixBool.FALSE;
    }

    private static Value anyOrAll(EvalState st, Lazy[] a, Pos pos, boolean any) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        for (Lazy e : st.forceList(a[1], pos).elements()) {
            if (st.forceBool(st.call(f, e, pos), pos) == any) {
                return NixBool.of(any);
            }
        }
        return NixBool.of(!any);
    }

    /** Unlike filter, partition forces each element before applying the predicate. */
    private static Value partition(EvalState st, Lazy[] a, Pos pos) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        Lazy[] xs = st.forceList(a[1], pos).elements();
        Lazy[] right = new Lazy[xs.length];
        Lazy[] wrong = new Lazy[xs.length];
        int nr = 0;
        int nw = 0;
        for (Lazy x : xs) {
            x.force();
            if (st.forceBool(st.call(f, x, pos), pos)) {
                right[nr++] = x;
            } else {
                wrong[nw++] = x;
            }
        }
        return new NixAttrs.Builder(2)
                .put("right", new NixList(Arrays.copyOf(right, nr)))
                .put("wrong", new NixList(Arrays.copyOf(wrong, nw)))
                .build();
    }

    private static Value groupBy(EvalState st, Lazy[] a, Pos pos) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        Map<String, List<Lazy>> groups = new HashMap<>();
        for (Lazy x : st.forceList(a[1], pos).elements()) {
            String name = st.forceStringNoContext(st.call(f, x, pos), pos).value();
            groups.computeIfAbsent(name, k -> new ArrayList<>()).add(x);
        }
        NixAttrs.Builder b = new NixAttrs.Builder(groups.size());
        for (Map.Entry<String, List<Lazy>> g : groups.entrySet()) {
            b.put(g.getKey(), new NixList(g.getValue().toArray(NO_ELEMENTS)));
        }
        return b.build();
    }

    /**
     * The first element naming an attribute wins; its "value" is kept lazy, with the position
     * it has in that element. Later elements of the same name are not checked for "value".
     */
    private static Value listToAttrs(EvalState st, Lazy[] a, Pos pos) {
        Lazy[] xs = st.forceList(a[0], pos).elements();
        Set<String> seen = new HashSet<>(xs.length * 2);
        NixAttrs.Builder b = new NixAttrs.Builder(xs.length);
        for (Lazy x : xs) {
            NixAttrs e = st.forceAttrs(x, pos);
            int ni = e.indexOf("name");
            if (ni < 0) {
                throw AttrBuiltins.missingAttr("name", "listToAttrs", e, pos);
            }
            String name = st.forceStringNoContext(e.value(ni), e.position(ni)).value();
            if (seen.add(name)) {
                int vi = e.indexOf("value");
                if (vi < 0) {
                    throw AttrBuiltins.missingAttr("value", "listToAttrs", e, pos);
                }
                b.put(name, e.value(vi), e.position(vi));
            }
        }
        return b.build();
    }

    private static Value catAttrs(EvalState st, Lazy[] a, Pos pos) {
        String name = st.forceStringNoContext(a[0], pos).value();
        Lazy[] xs = st.forceList(a[1], pos).elements();
        Lazy[] out = new Lazy[xs.length];
        int k = 0;
        for (Lazy x : xs) {
            Lazy v = st.forceAttrs(x, pos).get(name);
            if (v != null) {
                out[k++] = v;
            }
        }
        return new NixList(k == out.length ? out : Arrays.copyOf(out, k));
    }
}
