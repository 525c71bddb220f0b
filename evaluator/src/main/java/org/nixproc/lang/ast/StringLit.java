package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/** A string without interpolation: {@code "a"}, {@code ''a''}, or a URI {@code http://x.org/}. */
public record StringLit(Pos pos, NixString value) implements Expr {
    @Override
    public Value eval(Env env) {
        return value;
    }

    @Override
    public Lazy lazy(Env env) {
        return value;
    }
}
