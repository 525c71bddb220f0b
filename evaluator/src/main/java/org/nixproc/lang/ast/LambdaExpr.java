package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Value;

/**
 * A function: {@code x: body}, {@code { a, b ? 1, ... }: body}, {@code args@{ a }: body}.
 * Its scope has a slot for the argument name (if any, first) and one per formal, sorted by name.
 * {@code name} is the attribute or let binding it was defined as, for error traces (may be null).
 */
public record LambdaExpr(Pos pos, String name, String arg, Formal[] formals, boolean ellipsis, Expr body)
        implements Expr {
    public boolean hasFormals() {
        return formals != null;
    }

    public int slotCount() {
        return (arg != null ? 1 : 0) + (formals != null ? formals.length : 0);
    }

    /** The slot of the first formal. */
    public int formalsBase() {
        return arg != null ? 1 : 0;
    }

    /** How Nix names the function in messages: 'f' or anonymous function. */
    public String describe() {
        return name != null ? "'" + name + "'" : "anonymous function";
    }

    @Override
    public Value eval(Env env) {
        return new Lambda(this, env);
    }
}
