package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.Value;

/** The attribute test {@code e ? a.b}: false as soon as a step is not a set or lacks the name. */
public record HasAttr(Pos pos, Expr subject, AttrName[] path) implements Expr {
    @Override
    public Value eval(Env env) {
        Value v = subject.eval(env);
        for (AttrName element : path) {
            if (!(v instanceof NixAttrs attrs)) {
                return NixBool.FALSE;
            }
            Lazy a = attrs.get(element.name(env));
            if (a == null) {
                return NixBool.FALSE;
            }
            v = a.force();
        }
        return NixBool.TRUE;
    }
}
