package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/** A thunk forced while it was being computed. */
public final class InfiniteRecursionError extends NixError {
    public InfiniteRecursionError(Pos pos) {
        super("infinite recursion encountered", pos);
    }
}
