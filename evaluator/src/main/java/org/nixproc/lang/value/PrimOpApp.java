package org.nixproc.lang.value;

/** A builtin applied to fewer arguments than it takes. */
public record PrimOpApp(PrimOp primOp, Lazy[] args) implements NixFunction {
    @Override
    public String describe() {
        return "the partially applied built-in function '" + primOp.name() + "'";
    }
}
