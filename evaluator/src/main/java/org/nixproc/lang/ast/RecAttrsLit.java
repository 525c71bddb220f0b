package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.ExprThunk;
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
        boolean overrides = java.util.Arrays.binarySearch(names, "__overrides") >= 0;
        for (int i = 0; i < values.length; i++) {
            // With __overrides every value must look its variables up late, after the overrides.
            inner.slots[i] = overrides ? new ExprThunk(values[i], inner) : values[i].lazy(inner);
        }
        NixAttrs attrs = overrides ? applyOverrides(new NixAttrs(names, inner.slots.clone(), positions), inner)
                : new NixAttrs(names, inner.slots, positions, pos);
        return dynamic.length == 0 ? attrs : DynamicAttrs.add(attrs, dynamic, inner);
    }

    /**
     * Nix's old {@code __overrides}: its attributes replace the set's own, also for the set's
     * recursive references, or are added to it.
     */
    private NixAttrs applyOverrides(NixAttrs attrs, Env inner) {
        NixAttrs overrides = inner.state.forceAttrs(attrs.get("__overrides"), Pos.NONE);
        for (int i = 0; i < overrides.size(); i++) {
            int slot = attrs.indexOf(overrides.name(i));
            if (slot >= 0) {
                inner.slots[slot] = overrides.value(i);
            }
        }
        return attrs.update(overrides);
    }
}
