package org.nixproc.lang.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nixproc.cli.CapturedRun;

/**
 * Deep nesting: everything Nix 2.8's parser admits (its limits, found with Nix, are below)
 * parses and evaluates; deeper nesting ends in Nix's "memory exhausted" at a position, soon.
 */
@Timeout(120)
class NestingDepthTest {
    private static CapturedRun instantiate(String... args) throws InterruptedException {
        return CapturedRun.run("nix-instantiate", Map.of(), "/", args);
    }

    private static String nest(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void nestingNixAdmitsEvaluates() throws InterruptedException {
        String[][] cases = {
            {nest("(", "1", ")", 9995), "1"},
            {"builtins.length " + nest("[", "", "]", 4998), "1"},
            {nest("{a=", "1", ";}", 2496) + ".a.a.a.a.a.a.a.a.a.a.a ? a", "true"},
            {nest("\"${", "\"x\"", "}\"", 4997), "\"x\""},
            {" " + "-".repeat(9996) + "1", "1"},
            {"(" + "x: ".repeat(4998) + "x)" + " 1".repeat(4998), "1"},
            {"let a = 1; in ".repeat(3331) + "a", "1"},
        };
        for (String[] c : cases) {
            CapturedRun r = instantiate("--eval", "--strict", "-E", c[0]);
            assertEquals(c[1] + "\n", r.out(), r.err());
        }
    }

    @Test
    void deeperNestingIsMemoryExhaustedAtAPosition() throws InterruptedException {
        // Where the 70,000th nested rule would start: 2 rules a list, 7 a parenthesis, 8 an interpolation.
        String[][] cases = {
            {nest("[", "", "]", 100_000), "1:34998"},
            {nest("(", "1", ")", 100_000), "1:10000"},
            {"x: " + nest("x (", "1", ")", 100_000), "1:30001"},
            {nest("\"${", "\"x\"", "}\"", 100_000), "1:26249"},
        };
        for (String[] c : cases) {
            CapturedRun r = instantiate("--parse", "-E", c[0]);
            assertEquals(1, r.status());
            String err = new String(r.err().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            assertEquals("error: memory exhausted\n\n       at «string»:" + c[1] + ":\n\n", err.substring(0, err.indexOf(":\n\n") + 3));
        }
    }
}
