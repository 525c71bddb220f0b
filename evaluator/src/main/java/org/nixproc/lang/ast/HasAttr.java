package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.Value;

/**
 * The attribute test {@code e ? a.b}: false as soon as a step is not a set or lacks the name. Only
 * the steps before the last are forced, as in Nix: {@code { b = throw ""; } ? b} is true.
 */
public record HasAttr(Pos pos, Expr subject, AttrName[] path) implements Expr {
    @Override
    public Value eval(Env env) {
        Lazy v = subject.eval(env);
        for (AttrName element : path) {
            if (!(v.force() instanceof NixAttrs attrs)) {
                return NixBool.FALSE;
            }
            v = attrs.get(element.name(env));
            if (v == null) {
                return NixBool.FALSE;
            }
        }
        return NixBool.TRUE;
    }
}
