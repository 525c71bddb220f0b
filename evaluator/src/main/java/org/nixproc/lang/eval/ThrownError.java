package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/** builtins.throw: the one kind of error, besides failed assertions, that tryEval catches. */
public final class ThrownError extends NixError {
    public ThrownError(String message, Pos pos) {
        super(message, pos);
    }
}
