package org.nixproc.lang.builtins;

import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.formats.PosixRegex;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * match and split: POSIX extended regular expressions over byte strings (see {@link PosixRegex}).
 * The regex may not have a context; the subject string may, and the results do not, except
 * that split without a match returns the subject itself.
 */
final class RegexBuiltins {
    private RegexBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__match", 2, RegexBuiltins::match);
        r.primop("__split", 2, RegexBuiltins::split);
    }

    /** The regex of a call; it is compiled (and may fail) before the subject is forced. */
    private static PosixRegex regex(EvalState st, Lazy arg, Pos pos) {
        String re = st.forceStringNoContext(arg, pos).value();
        try {
            return PosixRegex.compile(re);
        } catch (PosixRegex.Invalid e) {
            throw new NixError((e.tooBig ? "memory limit exceeded by regular expression '"
                    : "invalid regular expression '") + re + "'", pos);
        }
    }

    private static Value match(EvalState st, Lazy[] a, Pos pos) {
        PosixRegex re = regex(st, a[0], pos);
        String s = st.forceString(a[1], pos).value();
        int[] spans = re.matchWhole(s);
        return spans == null ? NixNull.NULL : groups(s, spans);
    }

    /** The capture groups of a match, null for those that did not take part. */
    private static NixList groups(String s, int[] spans) {
        Lazy[] groups = new Lazy[spans.length / 2 - 1];
        for (int g = 0; g < groups.length; g++) {
            int start = spans[2 * g + 2];
            groups[g] = start < 0 ? NixNull.NULL : NixString.of(s.substring(start, spans[2 * g + 3]));
        }
        return new NixList(groups);
    }

    /**
     * The text between matches alternating with the groups of each match, walking the matches
     * as std::sregex_iterator does: after an empty match it first looks for a non-empty match at
     * the same place, and only then moves one byte on.
     */
    private static Value split(EvalState st, Lazy[] a, Pos pos) {
        PosixRegex re = regex(st, a[0], pos);
        NixString subject = st.forceString(a[1], pos);
        String s = subject.value();
        List<Lazy> out = new ArrayList<>();
        int textStart = 0;
        int[] m = re.search(s, 0, false, false);
        if (m == null) {
            return new NixList(new Lazy[] {subject}); // the string itself, context and all
        }
        boolean prevAvail = false;
        while (m != null) {
            out.add(NixString.of(s.substring(textStart, m[0])));
            out.add(groups(s, m));
            textStart = m[1];
            int from = m[1];
            if (m[0] == m[1]) {
                if (from == s.length()) {
                    break;
                }
                int[] again = re.search(s, from, true, prevAvail);
                if (again != null) {
                    m = again;
                    continue;
                }
                from++;
            }
            prevAvail = true;
            m = re.search(s, from, false, true);
        }
        out.add(NixString.of(s.substring(textStart)));
        return new NixList(out.toArray(new Lazy[0]));
    }
}
