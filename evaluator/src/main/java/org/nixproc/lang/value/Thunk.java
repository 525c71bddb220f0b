package org.nixproc.lang.value;

import org.nixproc.lang.eval.InfiniteRecursionError;

/**
 * A suspended computation, run at most once. While it runs it is a black hole: forcing it
 * again from inside its own computation is Nix's "infinite recursion encountered". If the
 * computation fails the thunk is reset, so a later force (after tryEval) runs it again, as Nix does.
 */
public abstract non-sealed class Thunk implements Lazy {
    private Value value;
    private boolean blackHole;

    @Override
    public final Value force() {
        Value v = value;
        if (v != null) {
            return v;
        }
        if (blackHole) {
            throw new InfiniteRecursionError(org.nixproc.lang.ast.Pos.NONE);
        }
        blackHole = true;
        try {
            v = compute();
        } finally {
            blackHole = false;
        }
        value = v;
        release();
        return v;
    }

    public final boolean isEvaluated() {
        return value != null;
    }

    /** Computes the value; called once. */
    protected abstract Value compute();

    /** Drops what the computation needed, so it can be collected. */
    protected abstract void release();
}
