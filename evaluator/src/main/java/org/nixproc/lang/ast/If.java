package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Value;

/** {@code if c then a else b}. */
public record If(Pos pos, Expr condition, Expr then, Expr otherwise) implements Expr {
    @Override
    public Value eval(Env env) {
        return env.state.forceBool(condition.eval(env), pos) ? then.eval(env) : otherwise.eval(env);
    }
}
