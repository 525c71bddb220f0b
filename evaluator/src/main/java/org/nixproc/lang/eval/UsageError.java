package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/**
 * An error Nix classes as a usage error although a builtin raises it (an unknown hash
 * algorithm): printed without position, followed by the hint to read the command's help.
 */
public final class UsageError extends NixError {
    public UsageError(String message) {
        super(message, Pos.NONE);
    }
}
