package org.nixproc.lang.ast;

/**
 * A position in Nix source: the origin (a file's absolute path, or «string» / «stdin» for
 * expressions not read from a file), a 1-based line and a 1-based column, as Nix reports them.
 */
public record Pos(Source source, int line, int column) {
    /** Where a position is unknown (values made by builtins). */
    public static final Pos NONE = new Pos(Source.NONE, 0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return source.origin() + ":" + line + ":" + column;
    }
}
