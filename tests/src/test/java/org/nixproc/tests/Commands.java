package org.nixproc.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.nixproc.cli.Invocation;
import org.nixproc.cli.Main;
import org.nixproc.lang.eval.Bytes;

/** Runs a command of the jar in this JVM, capturing its output bytes. */
final class Commands {
    private Commands() {
    }

    /** A finished command: exit status and what it wrote (one char per byte). */
    record Result(int status, String out, String err) {
    }

    static Result run(Path cwd, Map<String, String> env, String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        Invocation inv = new Invocation(o, e, new ByteArrayInputStream(new byte[0]), env,
                Bytes.fromJava(cwd.toAbsolutePath().normalize().toString()));
        int status;
        try {
            status = Main.runWithLargeStack(command, args, inv);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        o.flush();
        e.flush();
        return new Result(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** The repository's top directory. */
    static Path root() {
        return Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize();
    }
}
