package org.nixproc.lang.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.ValuePrinter;
import org.nixproc.lang.value.Value;

/**
 * Evaluating expressions through the parser and evaluator in tests, as {@code nix-instantiate
 * --eval --strict -E} does. Expressions, outputs and messages are byte strings (one char per byte).
 */
final class EvalAssertions {
    private EvalAssertions() {
    }

    /** The expression's value, forced deeply, in the given evaluation. */
    static Value eval(EvalState st, String expr) {
        Value v = st.eval(st.parse(new Source(Source.STRING, expr, false), "/"));
        st.forceDeep(v);
        return v;
    }

    /** The expression's value in a fresh evaluation. */
    static Value eval(String expr) {
        return eval(new EvalState(EvalOptions.defaults()), expr);
    }

    /** The expression evaluates and prints as expected. */
    static void ok(String expr, String expected) {
        Value v;
        try {
            v = eval(expr);
        } catch (NixError e) {
            fail(expr + " failed: " + e.getMessage());
            return;
        }
        assertEquals(expected, ValuePrinter.print(v), expr);
    }

    /** The expression fails with exactly this message; gives the error. */
    static NixError fails(String expr, String message) {
        try {
            Value v = eval(expr);
            fail(expr + " gave " + ValuePrinter.print(v) + " instead of failing");
            return null;
        } catch (NixError e) {
            assertEquals(message, e.getMessage(), expr);
            return e;
        }
    }
}
