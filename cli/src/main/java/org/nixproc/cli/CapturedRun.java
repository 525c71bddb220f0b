package org.nixproc.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.testdriver.CommandRunner;

/**
 * A command run in this JVM with empty standard input and its output kept, for callers that use
 * the commands as a library (the container test driver, tests): exit status and what it wrote, one
 * char per byte as Nix strings are.
 */
public record CapturedRun(int status, String out, String err) {

    /** The commands run in this JVM, for the test drivers of the layer below (their output as UTF-8). */
    public static final CommandRunner COMMANDS = (command, env, cwd, args) -> {
        CapturedRun r = run(command, env, cwd.toString(), args).decoded();
        return new CommandRunner.Result(r.status(), r.out(), r.err());
    };

    /** Runs {@code command} (nix-build, ...) with the given environment in {@code cwd} (a file-system path). */
    public static CapturedRun run(String command, Map<String, String> env, String cwd, String... args)
            throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        Invocation inv = new Invocation(o, e, new ByteArrayInputStream(new byte[0]), env, Bytes.fromJava(cwd));
        int status = Main.runWithLargeStack(command, args, inv);
        o.flush();
        e.flush();
        return new CapturedRun(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** The same run with its output read as UTF-8, for comparing it with Java strings. */
    public CapturedRun decoded() {
        return new CapturedRun(status, Bytes.toJava(out), Bytes.toJava(err));
    }
}
