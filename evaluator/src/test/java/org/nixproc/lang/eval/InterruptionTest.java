package org.nixproc.lang.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nixproc.lang.ast.Source;

/**
 * An evaluation marked over its memory bound (by the resident JVM's watch) stops with "out of
 * memory" at once: at a function call, and inside the builtins that allocate without calling
 * anything (a long genList, reading an endless file).
 */
@Timeout(60)
class InterruptionTest {
    @Test
    void aMarkedEvaluationStopsEvenWhereNothingIsCalled() {
        String[] exprs = {"let f = x: f x; in f 1", "builtins.length (builtins.genList (x: x) 100000000)",
            "builtins.stringLength (builtins.readFile /dev/zero)", "import /dev/zero"};
        for (String expr : exprs) {
            EvalState st = new EvalState(EvalOptions.defaults());
            Thread self = Thread.currentThread();
            Interruption.stopForMemory(self);
            try {
                OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                        () -> st.forceDeep(st.eval(st.parse(new Source(Source.STRING, expr, false), "/"))), expr);
                assertEquals("over the request's memory bound", e.getMessage());
            } finally {
                Interruption.stoppedForMemory(self);
            }
        }
    }
}
