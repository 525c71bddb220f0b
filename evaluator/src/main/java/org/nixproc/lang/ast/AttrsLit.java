package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;

/**
 * An attribute set: {@code { a = 1; inherit b; inherit (c) d; ${e} = 2; }}. The static names
 * are sorted when parsed, so building the set costs one array of thunks.
 */
public record AttrsLit(Pos pos, String[] names, Expr[] values, Pos[] positions, DynamicAttr[] dynamic)
        implements Expr {
    @Override
    public Value eval(Env env) {
        Lazy[] vals = new Lazy[values.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = values[i].lazy(env);
        }
        NixAttrs attrs = new NixAttrs(names, vals, positions, pos);
        return dynamic.length == 0 ? attrs : DynamicAttrs.add(attrs, dynamic, env);
    }
}
