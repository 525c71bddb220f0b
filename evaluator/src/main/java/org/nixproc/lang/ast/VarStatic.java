package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.eval.ExprThunk;
import org.nixproc.lang.eval.InfiniteRecursionError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/** A variable bound lexically: {@code x}, found {@code depth} scopes up in slot {@code slot}. */
public record VarStatic(Pos pos, String name, int depth, int slot) implements Expr {
    @Override
    public Value eval(Env env) {
        Env e = env;
        for (int i = depth; i > 0; i--) {
            e = e.up;
        }
        try {
            return e.slots[slot].force();
        } catch (InfiniteRecursionError err) {
            throw err.withPosIfUnknown(pos);
        }
    }

    @Override
    public Lazy lazy(Env env) {
        Env e = env;
        for (int i = depth; i > 0; i--) {
            e = e.up;
        }
        Lazy v = e.slots[slot];
        // A let or rec binding may name a variable of its own scope that is not filled in yet.
        return v != null ? v : new ExprThunk(this, env);
    }
}
