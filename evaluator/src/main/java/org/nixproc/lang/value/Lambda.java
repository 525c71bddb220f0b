package org.nixproc.lang.value;

import org.nixproc.lang.ast.LambdaExpr;
import org.nixproc.lang.eval.Env;

/** A closure: a lambda expression with the environment it was evaluated in. */
public record Lambda(LambdaExpr expr, Env env) implements NixFunction {
    @Override
    public String describe() {
        return "a function";
    }
}
