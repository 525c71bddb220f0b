package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.Value;

/** A float literal: {@code 1.5}, {@code .5}, {@code 1e3}. */
public record FloatLit(Pos pos, NixFloat value) implements Expr {
    @Override
    public Value eval(Env env) {
        return value;
    }

    @Override
    public Lazy lazy(Env env) {
        return value;
    }
}
