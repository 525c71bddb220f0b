package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/** A variable bound lexically: {@code x}, found {@code depth} scopes up in slot {@code slot}. */
public record VarStatic(Pos pos, String name, int depth, int slot) implements Expr {
    @Override
    public Value eval(Env env) {
        return lazy(env).force();
    }

    @Override
    public Lazy lazy(Env env) {
        Env e = env;
        for (int i = depth; i > 0; i--) {
            e = e.up;
        }
        return e.slots[slot];
    }
}
