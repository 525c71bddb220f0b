package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Value;

/** {@code __curPos}: the set { file, line, column } of where it is written. */
public record CurPos(Pos pos) implements Expr {
    @Override
    public Value eval(Env env) {
        return env.state.positionAttrs(pos);
    }
}
