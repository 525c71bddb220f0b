package org.nixproc.lang.eval;

import java.util.Set;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.ContextBuilder;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/** {@code +} and interpolation, which Nix implements as one concatenation rule. */
public final class StringConcat {
    private StringConcat() {
    }

    public static Value add(EvalState st, Value a, Value b, Pos aPos, Pos bPos) {
        if (a instanceof NixInt x) {
            if (b instanceof NixInt y) {
                return NixInt.of(x.value() + y.value());
            }
            if (b instanceof NixFloat y) {
                return new NixFloat(x.value() + y.value());
            }
            throw new NixError("cannot add " + b.describe() + " to an integer", bPos);
        }
        if (a instanceof NixFloat x) {
            if (b instanceof NixInt y) {
                return new NixFloat(x.value() + y.value());
            }
            if (b instanceof NixFloat y) {
                return new NixFloat(x.value() + y.value());
            }
            throw new NixError("cannot add " + b.describe() + " to a float", bPos);
        }
        if (a instanceof NixPath p) {
            NixString right = st.coerceToString(b, bPos, false, false);
            return pathResult(p.path() + right.value(), right.context(), bPos);
        }
        NixString left = st.coerceToString(a, aPos, false, true);
        NixString right = st.coerceToString(b, bPos, false, true);
        return NixString.of(left.value().concat(right.value()), NixString.merge(left.context(), right.context()));
    }

    public static Value interpolate(Env env, Expr[] parts, Pos[] positions) {
        EvalState st = env.state;
        if (parts.length == 1) {
            // "${x}" is x's string itself (an output path, mostly): no copy.
            return st.coerceToString(parts[0].eval(env), positions[0], false, true);
        }
        // Sized once: interpolating large strings is common (generated scripts and configs).
        String[] values = new String[parts.length];
        int length = 0;
        ContextBuilder ctx = new ContextBuilder();
        for (int i = 0; i < parts.length; i++) {
            NixString s = st.coerceToString(parts[i].eval(env), positions[i], false, true);
            values[i] = s.value();
            length += values[i].length();
            ctx.add(s.context());
        }
        StringBuilder sb = new StringBuilder(length);
        for (String v : values) {
            sb.append(v);
        }
        return NixString.of(sb.toString(), ctx.build());
    }

    public static Value interpolatePath(Env env, Expr[] parts, Pos[] positions, Pos pos) {
        EvalState st = env.state;
        StringBuilder sb = new StringBuilder(((NixPath) parts[0].eval(env)).path());
        ContextBuilder ctx = new ContextBuilder();
        for (int i = 1; i < parts.length; i++) {
            NixString s = st.coerceToString(parts[i].eval(env), positions[i], false, false);
            sb.append(s.value());
            ctx.add(s.context());
        }
        return pathResult(sb.toString(), ctx.build(), pos);
    }

    private static NixPath pathResult(String path, Set<String> context, Pos pos) {
        if (!context.isEmpty()) {
            throw new NixError("a string that refers to a store path cannot be appended to a path", pos);
        }
        return new NixPath(Paths.canonical(path));
    }
}
