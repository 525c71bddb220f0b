package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The two clients of the resident JVM: bin/nixproc-client.c, compiled as bin/nixproc-java
 * compiles it, and bin/nixproc-client, the Python script it falls back to without a C compiler.
 */
enum DaemonClient {
    C, PYTHON;

    static final Path ROOT = Commands.root();
    static final Path JAR = ROOT.resolve("target/nixproc.jar");

    private static Path compiled;

    /** The command line running nix-instantiate ARGS in the daemon, which is started with JAVA_OPTS if none runs. */
    List<String> instantiate(String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(this == C ? List.of(compiled().toString())
                : List.of("python3", "-I", "-S", ROOT.resolve("bin/nixproc-client").toString()));
        command.addAll(List.of(JAR.toString(), javaOpts, "nix-instantiate"));
        command.addAll(List.of(args));
        return command;
    }

    /** The C client, compiled once, in a directory other users may read (some tests run it as another user). */
    private static synchronized Path compiled() throws Exception {
        if (compiled == null) {
            Path dir = Files.createTempDirectory("nixproc-client");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            dir.toFile().deleteOnExit();
            Path binary = dir.resolve("nixproc-client");
            Process cc;
            try {
                String source = ROOT.resolve("bin/nixproc-client.c").toString();
                cc = new ProcessBuilder("cc", "-O2", "-o", binary.toString(), source).redirectErrorStream(true).start();
            } catch (IOException e) {
                String why = "the C client is not tested: no C compiler (cc)";
                if ("true".equals(System.getenv("CI"))) {
                    fail(why);
                }
                System.err.println(why);
                Assumptions.abort(why);
                return null;
            }
            String messages = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, cc.waitFor(), messages);
            binary.toFile().deleteOnExit();
            compiled = binary;
        }
        return compiled;
    }

    /** The socket's name for the current jar, as the clients compute it. */
    static String socketName() throws IOException {
        long mtime = Files.getLastModifiedTime(JAR).toMillis() / 1000;
        return "daemon-" + mtime + "-" + Files.size(JAR) + ".sock";
    }

    record Result(int status, String out, String err) {
    }

    /** Runs a command with {@code env} added to the environment (but no XDG_RUNTIME_DIR) and {@code stdin} piped in. */
    static Result run(List<String> command, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("XDG_RUNTIME_DIR");
        pb.environment().putAll(env);
        Path errFile = Files.createTempFile("nixproc-err", ".txt");
        try {
            Process p = pb.redirectError(errFile.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertTrue(p.waitFor(240, TimeUnit.SECONDS));
            return new Result(p.exitValue(), out, Files.readString(errFile));
        } finally {
            Files.delete(errFile);
        }
    }
}
