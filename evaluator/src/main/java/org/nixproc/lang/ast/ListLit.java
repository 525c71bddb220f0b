package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.Value;

/** A list: {@code [ a b c ]}; elements stay lazy. */
public record ListLit(Pos pos, Expr[] elements) implements Expr {
    @Override
    public Value eval(Env env) {
        Lazy[] elems = new Lazy[elements.length];
        for (int i = 0; i < elems.length; i++) {
            elems[i] = elements[i].lazy(env);
        }
        return new NixList(elems);
    }
}
