package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.Value;

/** A path literal, made absolute when parsed: {@code ./a}, {@code /etc}, {@code ~/x}. */
public record PathLit(Pos pos, NixPath value) implements Expr {
    @Override
    public Value eval(Env env) {
        return value;
    }

    @Override
    public Lazy lazy(Env env) {
        return value;
    }
}
