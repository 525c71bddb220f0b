package org.nixproc.lang.ast;

/** One formal argument of a lambda: {@code a} or {@code a ? default}; defaultValue may be null. */
public record Formal(String name, Expr defaultValue, Pos pos) {
}
