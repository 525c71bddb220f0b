package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Suggestions;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;

/** Attribute selection: {@code e.a.b}, or with a default: {@code e.a.b or d}. */
public record Select(Pos pos, Expr subject, AttrName[] path, Expr fallback) implements Expr {
    @Override
    public Value eval(Env env) {
        Value v = subject.eval(env);
        for (AttrName element : path) {
            String name = element.name(env);
            if (fallback != null && !(v instanceof NixAttrs)) {
                return fallback.eval(env);
            }
            NixAttrs attrs = env.state.forceAttrs(v, pos);
            int i = attrs.indexOf(name);
            if (i < 0) {
                if (fallback != null) {
                    return fallback.eval(env);
                }
                throw new NixError("attribute '" + name + "' missing", pos,
                        Suggestions.didYouMean(name, attrs.names()));
            }
            Lazy a = attrs.value(i);
            if (env.state.showTrace()) {
                try {
                    v = a.force();
                } catch (NixError e) {
                    throw e.addTrace(attrs.position(i), "while evaluating the attribute '" + name + "'");
                }
            } else {
                v = a.force();
            }
        }
        return v;
    }
}
