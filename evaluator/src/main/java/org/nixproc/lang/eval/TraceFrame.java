package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/** One "… while evaluating …" line of a --show-trace trace, with its position. */
public record TraceFrame(Pos pos, String message) {
}
