package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.StringConcat;
import org.nixproc.lang.value.Value;

/**
 * {@code a + b}: numbers add; otherwise the left operand decides between path and string
 * concatenation. Errors point at the operand that is wrong, as Nix's do.
 */
public record Add(Pos pos, Expr left, Expr right, Pos leftPos, Pos rightPos) implements Expr {
    @Override
    public Value eval(Env env) {
        return StringConcat.add(env.state, left.eval(env), right.eval(env), leftPos, rightPos);
    }
}
