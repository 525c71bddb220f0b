package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/** {@code with e; body}: a scope of one slot holding e, searched by the variables no lexical scope binds. */
public record With(Pos pos, Expr attrs, Expr body) implements Expr {
    @Override
    public Value eval(Env env) {
        return body.eval(new Env(env, new Lazy[] {attrs.lazy(env)}));
    }
}
