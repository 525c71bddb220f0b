package org.nixproc.tests.container;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The base image for the container tests: NIXPROC_TEST_IMAGE (bin/test sets it from
 * bin/nixproc-docker-setup), else what {@code bin/nixproc-docker-setup --check} finds. Where
 * Docker cannot be used the tests are skipped, saying why in one line, except under CI (CI=true),
 * which must run them.
 */
final class Docker {
    private Docker() {
    }

    static String image() throws IOException, InterruptedException {
        String image = System.getenv("NIXPROC_TEST_IMAGE");
        if (image != null && !image.isEmpty()) {
            return image;
        }
        Path setup = Path.of(System.getProperty("nixproc.root", "..")).resolve("bin/nixproc-docker-setup");
        Process p = new ProcessBuilder(setup.toString(), "--check").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() == 0 && !out.isEmpty()) {
            return out;
        }
        String why = "container tests not run: " + err.replace("nixproc-docker-setup: ", "")
                + " (as root: bin/nixproc-docker-setup)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        // Surefire does not show why a class was skipped: say it on the console too.
        System.err.println(why);
        Assumptions.abort(why);
        return null;
    }
}
