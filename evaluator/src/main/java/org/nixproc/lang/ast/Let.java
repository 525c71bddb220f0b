package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Value;

/** {@code let a = 1; inherit b; in body}: the bindings are the slots of a new scope. */
public record Let(Pos pos, String[] names, Expr[] bindings, Expr body) implements Expr {
    @Override
    public Value eval(Env env) {
        Env inner = new Env(env, bindings.length);
        for (int i = 0; i < bindings.length; i++) {
            inner.slots[i] = bindings[i].lazy(inner);
        }
        return body.eval(inner);
    }
}
