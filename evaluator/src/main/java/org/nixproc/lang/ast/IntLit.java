package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.Value;

/** An integer literal: {@code 42}. */
public record IntLit(Pos pos, NixInt value) implements Expr {
    @Override
    public Value eval(Env env) {
        return value;
    }

    @Override
    public Lazy lazy(Env env) {
        return value;
    }
}
