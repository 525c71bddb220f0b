package org.nixproc.lang.builtins;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.eval.ThrownError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/** import, scopedImport, and the search path: {@code <name>} is {@code __findFile __nixPath "name"}. */
final class ImportBuiltins {
    private ImportBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        r.primop("import", 1, (st, a, pos) -> st.evalFile(st.realisePath(a[0], pos), pos));
        r.primop("scopedImport", 2,
                (st, a, pos) -> st.evalFileScoped(st.realisePath(a[1], pos), st.forceAttrs(a[0], pos), pos));
        r.lazyConstant("__nixPath", ImportBuiltins::nixPath);
        r.primop("__findFile", 2, ImportBuiltins::findFile);
    }

    private static Value nixPath(EvalState st) {
        List<Lazy> entries = new ArrayList<>();
        for (String entry : st.options().searchPath()) {
            int eq = entry.indexOf('=');
            String prefix = eq < 0 ? "" : entry.substring(0, eq);
            String path = eq < 0 ? entry : entry.substring(eq + 1);
            entries.add(new NixAttrs.Builder(2)
                    .put("path", NixString.of(Bytes.fromJava(path)))
                    .put("prefix", NixString.of(Bytes.fromJava(prefix)))
                    .build());
        }
        return new NixList(entries.toArray(new Lazy[0]));
    }

    private static Value findFile(EvalState st, Lazy[] a, Pos pos) {
        NixList searchPath = st.forceList(a[0], pos);
        String name = st.forceStringNoContext(a[1], pos).value();
        if (name.startsWith("nix/") && EvalState.hasCorepkg(name.substring(4))) {
            return new NixPath(EvalState.COREPKGS + name.substring(4));
        }
        for (Lazy e : searchPath.elements()) {
            NixAttrs entry = st.forceAttrs(e, pos);
            Lazy p = entry.get("path");
            if (p == null) {
                throw new NixError("attribute 'path' missing", pos);
            }
            Lazy pre = entry.get("prefix");
            String prefix = pre == null ? "" : st.forceStringNoContext(pre, pos).value();
            String suffix;
            if (prefix.isEmpty()) {
                suffix = "/" + name;
            } else if (name.equals(prefix)) {
                suffix = "";
            } else if (name.startsWith(prefix + "/")) {
                suffix = name.substring(prefix.length());
            } else {
                continue;
            }
            String dir = st.coerceToString(p, pos, false, false).value();
            if (dir.contains("://")) {
                continue;
            }
            String candidate = Paths.absolute(dir + suffix, st.options().workingDirectory());
            if (Files.exists(Bytes.path(candidate))) {
                return new NixPath(candidate);
            }
        }
        for (String dir : st.options().bundledPath()) {
            String candidate = Paths.canonical(dir + "/" + name);
            if (Files.exists(Bytes.path(candidate))) {
                return new NixPath(candidate);
            }
        }
        throw new ThrownError("file '" + name + "' was not found in the Nix search path (add it using $NIX_PATH or -I)",
                pos);
    }
}
