package org.nixproc.lang.parse;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.NixError;

/** A syntax error, or an error found while building the AST (undefined variable, duplicate attribute). */
public final class ParseError extends NixError {
    public ParseError(String message, Pos pos) {
        super(message, pos);
    }
}
