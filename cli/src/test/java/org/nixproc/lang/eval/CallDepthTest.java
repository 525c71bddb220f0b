package org.nixproc.lang.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nixproc.cli.CapturedRun;

/**
 * Function calls nest as deep as Nix 2.8's stack lets them (it computes f 60000 below and
 * overflows at f 80000), and infinite recursion through functions ends in Nix's words.
 */
@Timeout(120)
class CallDepthTest {
    private static final String F = "let f = n: if n == 0 then 0 else 1 + f (n - 1); in f ";

    private static CapturedRun eval(String expr) throws InterruptedException {
        return CapturedRun.run("nix-instantiate", Map.of(), "/", "--eval", "-E", expr);
    }

    @Test
    void recursionAsDeepAsNixAllows() throws InterruptedException {
        assertEquals("60000\n", eval(F + "60000").out());
    }

    @Test
    void deeperRecursionOverflows() throws InterruptedException {
        for (String expr : new String[] {F + "150000", "let f = x: f x; in f 1", "let f = x: 1 + f x; in f 1"}) {
            CapturedRun r = eval(expr);
            assertEquals(1, r.status());
            assertEquals("error: stack overflow (possible infinite recursion)\n", r.err(), expr);
        }
    }
}
