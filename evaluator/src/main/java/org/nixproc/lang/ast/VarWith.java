package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;

/**
 * A variable no lexical scope binds, looked up at run time in the attribute sets of the
 * enclosing {@code with} expressions, innermost first ({@code withDepths} counts scopes up).
 */
public record VarWith(Pos pos, String name, int[] withDepths) implements Expr {
    @Override
    public Value eval(Env env) {
        for (int depth : withDepths) {
            NixAttrs attrs = env.state.forceAttrs(env.at(depth).slots[0], Pos.NONE);
            Lazy v = attrs.get(name);
            if (v != null) {
                return v.force();
            }
        }
        throw new NixError("undefined variable '" + name + "'", pos);
    }
}
