package org.nixproc.lang.eval;

/**
 * The evaluation was interrupted (its thread was, say because the client of the resident daemon
 * went away): never caught by tryEval, worded as Nix words Ctrl-C.
 */
public final class InterruptedError extends NixError {
    public InterruptedError() {
        super("interrupted by the user", null);
    }
}
