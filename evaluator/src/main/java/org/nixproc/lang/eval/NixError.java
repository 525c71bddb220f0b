package org.nixproc.lang.eval;

import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Pos;

/**
 * An error of the Nix language: a message as Nix words it, the position it is about, an
 * optional hint ("Did you mean b?") and the trace frames gathered while it propagated.
 * No Java stack trace is recorded: these errors are ordinary results (tryEval catches some).
 */
public class NixError extends RuntimeException {
    private Pos pos;
    private final String hint;
    private final List<TraceFrame> trace = new ArrayList<>();

    public NixError(String message, Pos pos) {
        this(message, pos, null);
    }

    public NixError(String message, Pos pos, String hint) {
        super(message, null, false, false);
        this.pos = pos == null ? Pos.NONE : pos;
        this.hint = hint;
    }

    public Pos pos() {
        return pos;
    }

    public String hint() {
        return hint;
    }

    public List<TraceFrame> trace() {
        return trace;
    }

    /** Gives an error that was raised without a position the position of its context. */
    public NixError withPosIfUnknown(Pos p) {
        if (!pos.isKnown() && p != null) {
            pos = p;
        }
        return this;
    }

    public NixError addTrace(Pos p, String message) {
        trace.add(new TraceFrame(p, message));
        return this;
    }
}
