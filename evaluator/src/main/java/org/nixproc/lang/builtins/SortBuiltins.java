package org.nixproc.lang.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Comparison;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.PrimOp;
import org.nixproc.lang.value.Value;

/**
 * The builtins that order values: sort and genericClosure (registered from {@link ListBuiltins}).
 *
 * <p>Nix sorts with C++'s std::stable_sort, so a comparator that traces, throws or is not a
 * strict weak ordering shows which pairs are compared and in which order. This class therefore
 * performs the same comparisons in the same order as that algorithm (libstdc++'s adaptive merge
 * sort with a buffer of half the length): insertion sort of runs of seven, merges of runs
 * ping-ponging between the list and the buffer, and a final merge of the two halves.
 */
final class SortBuiltins {
    /** The length of the runs sorted by insertion before merging begins. */
    private static final int CHUNK = 7;

    private SortBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__sort", 2, SortBuiltins::sort);
        r.primop("__genericClosure", 1, SortBuiltins::genericClosure);
    }

    /** A strict "less than" between two forced values. */
    @FunctionalInterface
    private interface Less {
        boolean test(Lazy a, Lazy b);
    }

    private static Value sort(EvalState st, Lazy[] a, Pos pos) {
        Value f = a[0].force();
        st.forceFunction(f, pos);
        NixList list = st.forceList(a[1], pos);
        int n = list.size();
        if (n == 0) {
            return list;
        }
        Lazy[] xs = list.elements().clone();
        // Nix forces every element before comparing any.
        for (Lazy x : xs) {
            x.force();
        }
        Less less;
        if (f instanceof PrimOp p && p.name().equals("lessThan")) {
            // As Nix does, compare directly instead of calling builtins.lessThan.
            less = (x, y) -> Comparison.lessThan(st, x.force(), y.force(), pos);
        } else {
            less = (x, y) -> st.forceBool(st.call(f, new Lazy[] {x, y}, pos), pos);
        }
        stableSort(xs, less);
        return new NixList(xs);
    }

    // ---- std::stable_sort, comparison for comparison

    private static void stableSort(Lazy[] xs, Less less) {
        int n = xs.length;
        int mid = (n + 1) / 2;
        Lazy[] buf = new Lazy[mid];
        mergeSortWithBuffer(xs, 0, mid, buf, less);
        mergeSortWithBuffer(xs, mid, n, buf, less);
        mergeAdaptive(xs, 0, mid, n, buf, less);
    }

    private static void mergeSortWithBuffer(Lazy[] xs, int first, int last, Lazy[] buf, Less less) {
        int len = last - first;
        for (int s = first; s < last; s += CHUNK) {
            insertionSort(xs, s, Math.min(s + CHUNK, last), less);
        }
        int step = CHUNK;
        while (step < len) {
            mergeSortLoop(xs, first, last, buf, 0, step, less);
            step *= 2;
            mergeSortLoop(buf, 0, len, xs, first, step, less);
            step *= 2;
        }
    }

    private static void insertionSort(Lazy[] xs, int first, int last, Less less) {
        for (int i = first + 1; i < last; i++) {
            Lazy v = xs[i];
            if (less.test(v, xs[first])) {
                System.arraycopy(xs, first, xs, first + 1, i - first);
                xs[first] = v;
            } else {
                int j = i;
                while (j > first && less.test(v, xs[j - 1])) {
                    xs[j] = xs[j - 1];
                    j--;
                }
                xs[j] = v;
            }
        }
    }

    /** Merges adjacent runs of {@code step} elements of src into dst. */
    private static void mergeSortLoop(Lazy[] src, int first, int last, Lazy[] dst, int out, int step, Less less) {
        int two = 2 * step;
        while (last - first >= two) {
            out = moveMerge(src, first, first + step, first + two, dst, out, less);
            first += two;
        }
        int s = Math.min(last - first, step);
        moveMerge(src, first, first + s, last, dst, out, less);
    }

    /** Merges src[f1, m) and src[m, l2) into dst at out; ties take the first run's element. */
    private static int moveMerge(Lazy[] src, int f1, int m, int l2, Lazy[] dst, int out, Less less) {
        int f2 = m;
        while (f1 < m && f2 < l2) {
            if (less.test(src[f2], src[f1])) {
                dst[out++] = src[f2++];
            } else {
                dst[out++] = src[f1++];
            }
        }
        System.arraycopy(src, f1, dst, out, m - f1);
        out += m - f1;
        System.arraycopy(src, f2, dst, out, l2 - f2);
        return out + l2 - f2;
    }

    /** Merges the sorted xs[first, mid) and xs[mid, last), through the buffer. */
    private static void mergeAdaptive(Lazy[] xs, int first, int mid, int last, Lazy[] buf, Less less) {
        int len1 = mid - first;
        int len2 = last - mid;
        if (len1 <= len2) {
            System.arraycopy(xs, first, buf, 0, len1);
            int b = 0;
            int f2 = mid;
            int out = first;
            while (b < len1 && f2 < last) {
                if (less.test(xs[f2], buf[b])) {
                    xs[out++] = xs[f2++];
                } else {
                    xs[out++] = buf[b++];
                }
            }
            System.arraycopy(buf, b, xs, out, len1 - b);
            return;
        }
        if (len2 == 0) {
            return;
        }
        // Backwards: the second run goes to the buffer, the merge fills xs from the end.
        System.arraycopy(xs, mid, buf, 0, len2);
        int l1 = mid - 1;
        int l2 = len2 - 1;
        int out = last;
        while (true) {
            if (less.test(buf[l2], xs[l1])) {
                xs[--out] = xs[l1];
                if (l1 == first) {
                    System.arraycopy(buf, 0, xs, out - (l2 + 1), l2 + 1);
                    return;
                }
                l1--;
            } else {
                xs[--out] = buf[l2];
                if (l2 == 0) {
                    return;
                }
                l2--;
            }
        }
    }

    // ---- genericClosure

    /**
     * Breadth-first from startSet, applying operator to each new item; an item is new when its
     * key is not yet among the keys seen. As in Nix, keys live in an ordered set, so two keys
     * are the same when neither is less than the other (1 and 1.0 are), and keys that cannot be
     * compared are an error only once a second key is compared with them.
     */
    private static Value genericClosure(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs args = st.forceAttrs(a[0], pos);
        Lazy startSet = args.get("startSet");
        if (startSet == null) {
            throw AttrBuiltins.missingAttr("startSet", "genericClosure", args, pos);
        }
        ArrayDeque<Lazy> work = new ArrayDeque<>();
        for (Lazy x : st.forceList(startSet, pos).elements()) {
            work.add(x);
        }
        Lazy operator = args.get("operator");
        if (operator == null) {
            throw AttrBuiltins.missingAttr("operator", "genericClosure", args, pos);
        }
        Value op = operator.force();
        // Java's TreeSet compares the first key with itself; Nix compares nothing then.
        boolean[] empty = {true};
        TreeSet<Value> done = new TreeSet<>((x, y) -> empty[0] && x == y ? 0
                : Comparison.lessThan(st, x, y, pos) ? -1 : Comparison.lessThan(st, y, x, pos) ? 1 : 0);
        List<Lazy> result = new ArrayList<>();
        while (!work.isEmpty()) {
            Lazy e = work.poll();
            NixAttrs item = st.forceAttrs(e, pos);
            Lazy key = item.get("key");
            if (key == null) {
                throw new NixError("attribute 'key' required", pos);
            }
            if (!done.add(key.force())) {
                continue;
            }
            empty[0] = false;
            result.add(e);
            // Nix applies the operator through a suspended application, without a position.
            Value next = st.call(op, e, Pos.NONE);
            if (!(next instanceof NixList list)) {
                throw st.typeError(next, "a list", pos);
            }
            for (Lazy x : list.elements()) {
                x.force();
                work.add(x);
            }
        }
        return new NixList(result.toArray(new Lazy[0]));
    }
}
