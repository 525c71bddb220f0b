package org.nixproc.lang.ast;

import org.nixproc.lang.eval.Env;

/** One element of an attribute path: {@code a}, {@code "a b"} or {@code ${e}}. */
public sealed interface AttrName {
    /** The name, evaluating it if it is dynamic. */
    String name(Env env);

    /** A name known when parsing. */
    record Static(String name) implements AttrName {
        @Override
        public String name(Env env) {
            return name;
        }
    }

    /** A name computed by an expression: {@code ${e}} or {@code "a${b}"}. */
    record Dynamic(Expr expr) implements AttrName {
        @Override
        public String name(Env env) {
            return env.state.forceStringNoContext(expr.eval(env), expr.pos()).value();
        }
    }
}
