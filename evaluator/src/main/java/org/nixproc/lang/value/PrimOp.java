package org.nixproc.lang.value;

import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.EvalState;

/**
 * A builtin function taking a fixed number of arguments. Arguments arrive unevaluated;
 * each implementation forces what it needs, which is how builtins stay as lazy as Nix's.
 */
public record PrimOp(String name, int arity, Impl impl) implements NixFunction {
    /** The body of a builtin. */
    @FunctionalInterface
    public interface Impl {
        Value apply(EvalState state, Lazy[] args, Pos pos);
    }
    @Override
    public String describe() {
        return "the built-in function '" + name + "'";
    }
}
