package org.nixproc.tests;

import java.nio.file.Path;
import java.util.Map;
import org.nixproc.cli.CapturedRun;

/** Runs a command of the jar in this JVM, capturing its output bytes. */
final class Commands {
    private Commands() {
    }

    static CapturedRun run(Path cwd, Map<String, String> env, String command, String... args) {
        try {
            return CapturedRun.run(command, env, cwd.toAbsolutePath().normalize().toString(), args);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The repository's top directory. */
    static Path root() {
        return Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize();
    }
}
