package org.nixproc.store.build;

import org.nixproc.store.StoreException;

/**
 * A build that failed, worded as Nix 2.8 words it (without the leading {@code error: }), with the
 * exit status nix-build then ends with: Nix ORs a bit per kind of failure into 0x60 (100 for a
 * builder that failed, 102 for a fixed-output hash mismatch), and uses 1 for failures that are
 * neither (an output the builder did not produce, a platform this machine cannot build for).
 */
public class BuildError extends StoreException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the exit status. */
    public enum Kind {
        /** Not the builder's fault as Nix counts it: exit status 1. */
        MISC,
        /** The builder failed (exit code, signal, exception): a permanent failure. */
        BUILDER_FAILED,
        /** A fixed-output derivation produced other contents than its hash says. */
        HASH_MISMATCH
    }

    private final Kind kind;
    private final int status;

    public BuildError(Kind kind, String message) {
        this(kind, statusOf(kind), message);
    }

    BuildError(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The exit status of a nix-build that stopped on this error. */
    public int status() {
        return status;
    }

    /** This error with another message (the same kind and status). */
    BuildError withMessage(String message) {
        return new BuildError(kind, status, message);
    }

    /** Nix's worker exit status for a run whose first failure was of this kind. */
    static int statusOf(Kind kind) {
        int mask = switch (kind) {
            case MISC -> 0;
            case BUILDER_FAILED -> 0x04;
            case HASH_MISMATCH -> 0x04 | 0x02;
        };
        return mask == 0 ? 1 : 0x60 | mask;
    }
}
