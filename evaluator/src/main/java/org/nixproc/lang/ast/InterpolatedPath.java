package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.StringConcat;
import org.nixproc.lang.value.Value;

/** A path with interpolations: {@code ./a/${b}/c}; the first part is the absolute path prefix. */
public record InterpolatedPath(Pos pos, Expr[] parts, Pos[] partPositions) implements Expr {
    @Override
    public Value eval(Env env) {
        return StringConcat.interpolatePath(env, parts, partPositions, pos);
    }
}
