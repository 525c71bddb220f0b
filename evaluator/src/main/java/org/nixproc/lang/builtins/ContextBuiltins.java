package org.nixproc.lang.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nixproc.lang.ast.Pos;
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
 * String contexts seen and changed from Nix: hasContext, getContext, appendContext,
 * unsafeDiscardStringContext and unsafeDiscardOutputDependency. A context element is a store
 * path ("/nix/store/…"), a derivation with all its outputs ("=/nix/store/…drv") or one output
 * of a derivation ("!out!/nix/store/…drv"); getContext shows them grouped by store path as
 * { path = true; allOutputs = true; outputs = [ … ]; }, and appendContext takes that form back.
 */
final class ContextBuiltins {
    private ContextBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("__hasContext", 1, (st, a, pos) -> NixBool.of(st.forceString(a[0], pos).hasContext()));
        r.primop("__unsafeDiscardStringContext", 1,
                (st, a, pos) -> NixString.of(st.coerceToString(a[0], pos, false, true).value()));
        r.primop("__unsafeDiscardOutputDependency", 1, ContextBuiltins::unsafeDiscardOutputDependency);
        r.primop("__getContext", 1, ContextBuiltins::getContext);
        r.primop("__appendContext", 2, ContextBuiltins::appendContext);
    }

    /** A derivation with all its outputs becomes the plain .drv path (no longer its closure). */
    private static Value unsafeDiscardOutputDependency(EvalState st, Lazy[] a, Pos pos) {
        NixString s = st.coerceToString(a[0], pos, false, true);
        Set<String> context = new TreeSet<>();
        for (String c : s.context()) {
            context.add(c.startsWith("=") ? c.substring(1) : c);
        }
        return NixString.of(s.value(), context);
    }

    /** What getContext says about one store path. */
    private static final class Info {
        boolean path;
        boolean allOutputs;
        final List<Lazy> outputs = new ArrayList<>();
    }

    private static Value getContext(EvalState st, Lazy[] a, Pos pos) {
        NixString s = st.forceString(a[0], pos);
        Map<String, Info> infos = new TreeMap<>();
        for (String c : new TreeSet<>(s.context())) {
            if (c.startsWith("=")) {
                infos.computeIfAbsent(c.substring(1), k -> new Info()).allOutputs = true;
            } else if (c.startsWith("!")) {
                int bang = c.indexOf('!', 1);
                infos.computeIfAbsent(c.substring(bang + 1), k -> new Info()).outputs
                        .add(NixString.of(c.substring(1, bang)));
            } else {
                infos.computeIfAbsent(c, k -> new Info()).path = true;
            }
        }
        NixAttrs.Builder result = new NixAttrs.Builder(infos.size());
        infos.forEach((path, info) -> {
            NixAttrs.Builder b = new NixAttrs.Builder(3);
            if (info.path) {
                b.put("path", NixBool.TRUE);
            }
            if (info.allOutputs) {
                b.put("allOutputs", NixBool.TRUE);
            }
            if (!info.outputs.isEmpty()) {
                b.put("outputs", new NixList(info.outputs.toArray(new Lazy[0])));
            }
            result.put(path, b.build());
        });
        return result.build();
    }

    private static Value appendContext(EvalState st, Lazy[] a, Pos pos) {
        NixString orig = st.forceString(a[0], pos);
        NixAttrs attrs = st.forceAttrs(a[1], pos);
        Set<String> context = new TreeSet<>(orig.context());
        for (int i = 0; i < attrs.size(); i++) {
            String path = attrs.name(i);
            Pos at = attrs.position(i);
            if (!st.store().isStorePath(path)) {
                throw new NixError("Context key '\"" + path + "\"' is not a store path", at);
            }
            NixAttrs info = st.forceAttrs(attrs.value(i), at);
            int k = info.indexOf("path");
            if (k >= 0 && st.forceBool(info.value(k), info.position(k))) {
                context.add(path);
            }
            k = info.indexOf("allOutputs");
            if (k >= 0 && st.forceBool(info.value(k), info.position(k))) {
                if (!path.endsWith(".drv")) {
                    throw new NixError("Tried to add all-outputs context of \"" + path
                            + "\", which is not a derivation, to a string", at);
                }
                context.add("=" + path);
            }
            k = info.indexOf("outputs");
            if (k >= 0) {
                NixList outputs = st.forceList(info.value(k), info.position(k));
                if (outputs.size() > 0 && !path.endsWith(".drv")) {
                    throw new NixError("Tried to add derivation output context of \"" + path
                            + "\", which is not a derivation, to a string", at);
                }
                for (Lazy o : outputs.elements()) {
                    context.add("!" + st.forceStringNoContext(o, info.position(k)).value() + "!" + path);
                }
            }
        }
        return NixString.of(orig.value(), context);
    }
}
