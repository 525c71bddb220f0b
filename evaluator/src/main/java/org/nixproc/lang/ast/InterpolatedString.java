package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.StringConcat;
import org.nixproc.lang.value.Value;

/** A string with interpolations: {@code "a${b}c"} or {@code ''a${b}''}; each part is coerced to a string. */
public record InterpolatedString(Pos pos, Expr[] parts, Pos[] partPositions) implements Expr {
    @Override
    public Value eval(Env env) {
        return StringConcat.interpolate(env, parts, partPositions);
    }
}
