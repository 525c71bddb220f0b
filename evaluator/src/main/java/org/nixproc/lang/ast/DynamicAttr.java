package org.nixproc.lang.ast;

/** An attribute whose name is computed: {@code ${n} = v;} (a null name drops the attribute). */
public record DynamicAttr(Expr name, Expr value, Pos pos) {
}
