package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.Value;

/** Boolean negation: {@code !e}. */
public record Not(Pos pos, Expr operand) implements Expr {
    @Override
    public Value eval(Env env) {
        return NixBool.of(!env.state.forceBool(operand.eval(env), Pos.NONE));
    }
}
