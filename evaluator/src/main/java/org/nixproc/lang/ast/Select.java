package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.InfiniteRecursionError;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Suggestions;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;

/**
 * Attribute selection: {@code e.a.b}, or with a default: {@code e.a.b or d}. An error after the
 * first step is traced to the definition of the last attribute reached, as Nix does.
 */
public record Select(Pos pos, Expr subject, AttrName[] path, Expr fallback) implements Expr {
    /** The origin Nix gives the source of builtins.derivation. */
    public static final String DERIVATION_NIX = "//builtin/derivation.nix";

    @Override
    public Value eval(Env env) {
        Lazy current = subject.eval(env);
        Pos reached = null;
        try {
            for (AttrName element : path) {
                String name = element.name(env);
                NixAttrs attrs;
                int i;
                if (fallback != null) {
                    if (!(current.force() instanceof NixAttrs a) || (i = a.indexOf(name)) < 0) {
                        return fallback.eval(env);
                    }
                    attrs = a;
                } else {
                    attrs = env.state.forceAttrs(current, pos);
                    i = attrs.indexOf(name);
                    if (i < 0) {
                        throw new NixError("attribute '" + name + "' missing", pos,
                                Suggestions.didYouMean(name, attrs.names()));
                    }
                }
                current = attrs.value(i);
                reached = attrs.position(i);
            }
            try {
                return current.force();
            } catch (InfiniteRecursionError e) {
                throw e.withPosIfUnknown(reached != null ? reached : pos);
            }
        } catch (NixError e) {
            // Nix leaves the attributes of its own derivation.nix out of traces.
            if (reached != null && reached.isKnown() && !reached.source().origin().equals(DERIVATION_NIX)) {
                e.addTrace(reached, "while evaluating the attribute '" + showPath(env) + "'");
            }
            throw e;
        }
    }

    private String showPath(Env env) {
        StringBuilder sb = new StringBuilder();
        for (AttrName element : path) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            try {
                sb.append(element.name(env));
            } catch (NixError e) {
                sb.append("\"${...}\"");
            }
        }
        return sb.toString();
    }
}
