package org.nixproc.lang.builtins;

import java.util.List;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.eval.UsageError;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.lang.value.ContextBuilder;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The string builtins of Nix 2.8: substring, stringLength, replaceStrings, concatStringsSep,
 * baseNameOf, dirOf, hashString and the version functions; match and split come from
 * {@link RegexBuiltins}. Strings are byte strings, so lengths and offsets count bytes.
 */
final class StringBuiltins {
    private StringBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__substring", 3, StringBuiltins::substring);
        r.primop("__stringLength", 1,
                (st, a, pos) -> NixInt.of(st.coerceToString(a[0], pos, false, true).value().length()));
        r.primop("__replaceStrings", 3, StringBuiltins::replaceStrings);
        r.primop("__concatStringsSep", 2, StringBuiltins::concatStringsSep);
        r.primop("baseNameOf", 1, (st, a, pos) -> {
            NixString s = st.coerceToString(a[0], pos, false, false);
            return NixString.of(Paths.baseNameOf(s.value()), s.context());
        });
        r.primop("dirOf", 1, StringBuiltins::dirOf);
        r.primop("__hashString", 2, StringBuiltins::hashString);
        r.primop("__compareVersions", 2, (st, a, pos) -> {
            String v1 = st.forceStringNoContext(a[0], pos).value();
            String v2 = st.forceStringNoContext(a[1], pos).value();
            return NixInt.of(Versions.compare(v1, v2));
        });
        r.primop("__splitVersion", 1, (st, a, pos) -> {
            List<String> parts = Versions.split(st.forceStringNoContext(a[0], pos).value());
            return new NixList(parts.stream().map(NixString::of).toArray(Lazy[]::new));
        });
        r.primop("__parseDrvName", 1, (st, a, pos) -> {
            String[] nv = Versions.parseDrvName(st.forceStringNoContext(a[0], pos).value());
            return new NixAttrs.Builder(2)
                    .put("name", NixString.of(nv[0]))
                    .put("version", NixString.of(nv[1]))
                    .build();
        });
        RegexBuiltins.register(r);
    }

    /**
     * Nix 2.8 reads start and length as C ints (so they wrap around at 32 bits); a negative
     * length means "to the end". The context is kept even when the result is empty.
     */
    private static Value substring(EvalState st, Lazy[] a, Pos pos) {
        int start = (int) st.forceInt(a[0], pos);
        int len = (int) st.forceInt(a[1], pos);
        NixString s = st.coerceToString(a[2], pos, false, true);
        if (start < 0) {
            throw new NixError("negative start position in 'substring'", pos);
        }
        String v = s.value();
        if (start >= v.length()) {
            return NixString.of("", s.context());
        }
        int end = len < 0 || len >= v.length() - start ? v.length() : start + len;
        return NixString.of(v.substring(start, end), s.context());
    }

    /**
     * Scans the string once, trying the patterns in order at each position; an empty pattern
     * matches everywhere, before each byte and at the end. Every replacement is forced first,
     * as Nix 2.8 does, but only the contexts of those used are kept.
     */
    private static Value replaceStrings(EvalState st, Lazy[] a, Pos pos) {
        NixList fromList = st.forceList(a[0], pos);
        NixList toList = st.forceList(a[1], pos);
        if (fromList.size() != toList.size()) {
            throw new NixError("'from' and 'to' arguments to 'replaceStrings' have different lengths", pos);
        }
        int n = fromList.size();
        String[] from = new String[n];
        for (int i = 0; i < n; i++) {
            from[i] = st.forceString(fromList.get(i), pos).value();
        }
        NixString[] to = new NixString[n];
        for (int i = 0; i < n; i++) {
            to[i] = st.forceString(toList.get(i), pos);
        }
        NixString subject = st.forceString(a[2], pos);
        String s = subject.value();
        ContextBuilder context = new ContextBuilder().add(subject.context());
        StringBuilder res = new StringBuilder(s.length());
        int p = 0;
        while (p <= s.length()) {
            int i = 0;
            while (i < n && !s.startsWith(from[i], p)) {
                i++;
            }
            if (i < n) {
                res.append(to[i].value());
                context.add(to[i].context());
                if (!from[i].isEmpty()) {
                    p += from[i].length();
                    continue;
                }
            }
            if (p < s.length()) {
                res.append(s.charAt(p));
            }
            p++;
        }
        return NixString.of(res.toString(), context.build());
    }

    /** The separator's context counts even for an empty list; elements coerce as in interpolation. */
    private static Value concatStringsSep(EvalState st, Lazy[] a, Pos pos) {
        NixString sep = st.forceString(a[0], pos);
        NixList list = st.forceList(a[1], pos);
        ContextBuilder context = new ContextBuilder().add(sep.context());
        StringBuilder res = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                res.append(sep.value());
            }
            NixString e = st.coerceToString(list.get(i), pos, false, true);
            res.append(e.value());
            context.add(e.context());
        }
        return NixString.of(res.toString(), context.build());
    }

    /** A path gives a path; anything else coercible gives a string with the same context. */
    private static Value dirOf(EvalState st, Lazy[] a, Pos pos) {
        Value v = a[0].force();
        NixString s = st.coerceToString(v, pos, false, false);
        String dir = Paths.dirOf(s.value());
        return v instanceof NixPath ? new NixPath(dir) : NixString.of(dir, s.context());
    }

    /** Lower-case hex of md5, sha1, sha256 or sha512 over the bytes; the context is dropped. */
    private static Value hashString(EvalState st, Lazy[] a, Pos pos) {
        HashAlgorithm algorithm = hashAlgorithm(st, a[0], pos);
        return NixString.of(Hash.of(algorithm, Bytes.toArray(st.forceString(a[1], pos).value())).toBase16());
    }

    /** The algorithm hashString and hashFile are asked for: md5, sha1, sha256 or sha512. */
    static HashAlgorithm hashAlgorithm(EvalState st, Lazy name, Pos pos) {
        String type = st.forceStringNoContext(name, pos).value();
        HashAlgorithm algorithm = HashAlgorithm.parseOrNull(type);
        if (algorithm == null) {
            // Nix raises this as a usage error, without a position.
            throw new UsageError("unknown hash algorithm '" + type + "'");
        }
        return algorithm;
    }
}
