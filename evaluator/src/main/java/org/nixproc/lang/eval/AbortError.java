package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/** builtins.abort: never caught by tryEval. */
public final class AbortError extends NixError {
    public AbortError(String message, Pos pos) {
        super("evaluation aborted with the following error message: '" + message + "'", pos);
    }
}
