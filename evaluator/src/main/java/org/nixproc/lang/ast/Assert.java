package org.nixproc.lang.ast;

import org.nixproc.lang.eval.AssertionFailedError;
import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Value;

/** {@code assert c; body}. */
public record Assert(Pos pos, Expr condition, Expr body) implements Expr {
    @Override
    public Value eval(Env env) {
        if (!env.state.forceBool(condition.eval(env), pos)) {
            throw new AssertionFailedError("assertion '" + ExprPrinter.show(condition) + "' failed", pos);
        }
        return body.eval(env);
    }
}
