package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.value.Thunk;
import org.nixproc.lang.value.Value;

/** An expression suspended in its environment: Nix's ordinary thunk. */
public final class ExprThunk extends Thunk {
    private Expr expr;
    private Env env;

    public ExprThunk(Expr expr, Env env) {
        this.expr = expr;
        this.env = env;
    }

    @Override
    protected Value compute() {
        return expr.eval(env);
    }

    @Override
    protected void release() {
        expr = null;
        env = null;
    }
}
