package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.Value;

/** Function application: {@code f a b}. */
public record Call(Pos pos, Expr function, Expr[] args) implements Expr {
    @Override
    public Value eval(Env env) {
        Value f = function.eval(env);
        Lazy[] a = new Lazy[args.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = args[i].lazy(env);
        }
        return env.state.call(f, a, pos);
    }
}
