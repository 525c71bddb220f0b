package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;

/**
 * A recursive attribute set: {@code rec { a = 1; b = a; }}. Its static attributes are the slots
 * of a new scope, in name order, which the attribute values (and dynamic names) see.
 */
public record RecAttrsLit(Pos pos, String[] names, Expr[] values, Pos[] positions, DynamicAttr[] dynamic)
        implements Expr {
    @Override
    public Value eval(Env env) {
        Env inner = new Env(env, values.length);
        for (int i = 0; i < values.length; i++) {
            inner.slots[i] = values[i].lazy(inner);
        }
        NixAttrs attrs = new NixAttrs(names, inner.slots, positions);
        return dynamic.length == 0 ? attrs : DynamicAttrs.add(attrs, dynamic, inner);
    }
}
