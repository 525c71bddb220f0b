package org.nixproc.lang.value;

/** Something that can be applied: a lambda, a primop, or a primop applied to too few arguments. */
public sealed interface NixFunction extends Value permits Lambda, PrimOp, PrimOpApp {
    @Override
    default String typeName() {
        return "lambda";
    }

}
