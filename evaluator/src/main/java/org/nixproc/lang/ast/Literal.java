package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/**
 * A constant: an integer {@code 42}, a float {@code 1.5}, a string without interpolation
 * {@code "a"} / {@code ''a''}, a URI {@code http://x.org/}, or a path literal, which the parser
 * has already made absolute ({@code ./a}, {@code ~/x}).
 */
public record Literal(Pos pos, Value value) implements Expr {
    @Override
    public Value eval(Env env) {
        return value;
    }

    @Override
    public Lazy lazy(Env env) {
        return value;
    }
}
