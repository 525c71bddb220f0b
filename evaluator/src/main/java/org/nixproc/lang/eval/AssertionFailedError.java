package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/** A failed assert; tryEval catches it. */
public final class AssertionFailedError extends NixError {
    public AssertionFailedError(String message, Pos pos) {
        super(message, pos);
    }
}
