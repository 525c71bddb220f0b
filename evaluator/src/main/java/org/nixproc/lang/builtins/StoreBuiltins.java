package org.nixproc.lang.builtins;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixFunction;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The builtins that put things in the store (toFile, path, filterSource), that name store paths
 * (storePath) and that stand for output paths not known yet (placeholder). The store itself is
 * {@link EvalState#store()}; these evaluate the arguments as Nix does and pass them on.
 */
final class StoreBuiltins {
    private StoreBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__toFile", 2, StoreBuiltins::toFile);
        r.primop("__path", 1, StoreBuiltins::path);
        r.primop("__filterSource", 2, StoreBuiltins::filterSource);
        r.primop("__storePath", 1, StoreBuiltins::storePath);
        r.primop("placeholder", 1, StoreBuiltins::placeholder);
    }

    /** The file refers to the store paths in the contents' context; derivation outputs are not allowed. */
    private static Value toFile(EvalState st, Lazy[] a, Pos pos) {
        String name = st.forceStringNoContext(a[0], pos).value();
        NixString contents = st.forceString(a[1], pos);
        Set<String> refs = new TreeSet<>();
        for (String c : new TreeSet<>(contents.context())) {
            if (c.charAt(0) != '/') {
                throw new NixError("in 'toFile': the file named '" + name
                        + "' must not contain a reference to a derivation but contains (" + c + ")", pos);
            }
            refs.add(c);
        }
        String path = st.store().addTextFile(name, contents.value(), refs, pos);
        return NixString.of(path, Set.of(path));
    }

    private static Value path(EvalState st, Lazy[] a, Pos pos) {
        NixAttrs attrs = st.forceAttrs(a[0], pos);
        NixString path = null;
        String name = "";
        Value filter = null;
        boolean recursive = true;
        String sha256 = null;
        for (int i = 0; i < attrs.size(); i++) {
            Lazy v = attrs.value(i);
            Pos at = attrs.position(i);
            switch (attrs.name(i)) {
                case "path" -> path = absolute(st.coerceToString(v, at, false, false), at);
                case "name" -> name = st.forceStringNoContext(v, at).value();
                case "filter" -> filter = v.force();
                case "recursive" -> recursive = st.forceBool(v, at);
                case "sha256" -> sha256 = st.forceStringNoContext(v, at).value();
                default -> throw new NixError("unsupported argument '" + attrs.name(i) + "' to 'addPath'", at);
            }
        }
        if (path == null) {
            throw new NixError("'path' required", pos);
        }
        if (name.isEmpty()) {
            name = Paths.baseNameOf(path.value());
        }
        return added(st, name, path, filter, recursive, sha256, pos);
    }

    private static Value filterSource(EvalState st, Lazy[] a, Pos pos) {
        NixString path = absolute(st.coerceToString(a[1], pos, false, false), pos);
        Value filter = a[0].force();
        if (!(filter instanceof NixFunction)) {
            throw new NixError("first argument in call to 'filterSource' is not a function but " + filter.describe(),
                    pos);
        }
        return added(st, Paths.baseNameOf(path.value()), path, filter, true, null, pos);
    }

    private static NixString absolute(NixString s, Pos pos) {
        if (s.value().isEmpty() || s.value().charAt(0) != '/') {
            throw new NixError("string '" + s.value() + "' doesn't represent an absolute path", pos);
        }
        return s;
    }

    // The filter is called with each entry's path and type, and must return a Boolean.
    private static Value added(EvalState st, String name, NixString path, Value filter, boolean recursive,
            String sha256, Pos pos) {
        BiPredicate<String, String> f = filter == null ? null
                : (p, type) -> st.forceBool(st.call(filter, new Lazy[] {NixString.of(p), NixString.of(type)}, pos), pos);
        String storePath = st.store().addPath(name, path.value(), f, recursive, sha256, path.context(), pos);
        return NixString.of(storePath, Set.of(storePath));
    }

    /** The path itself (symlinks resolved), with the store path it lies in added to its context. */
    private static Value storePath(EvalState st, Lazy[] a, Pos pos) {
        NixString path = absolute(st.coerceToString(a[0], pos, false, false), pos);
        String[] inStore = st.store().storePathOf(path.value(), pos);
        return NixString.of(inStore[0], NixString.merge(path.context(), Set.of(inStore[1])));
    }

    /** "/" and the base-32 SHA-256 of "nix-output:NAME": what builders replace with the output's path. */
    private static Value placeholder(EvalState st, Lazy[] a, Pos pos) {
        String output = st.forceStringNoContext(a[0], pos).value();
        return NixString.of("/" + Hash.of(HashAlgorithm.SHA256, Bytes.toArray("nix-output:" + output)).toBase32());
    }
}
