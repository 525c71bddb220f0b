package org.nixproc.processmgmt.sysvinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * When a started process is ready to serve its dependants, as its createSystemVInitScript
 * {@code readiness} option declares: once something accepts connections on 127.0.0.1:{@code port},
 * or once {@code command} (a shell command) succeeds, within {@code timeout}. Recorded in the
 * script's package as {@code nixproc-support/readiness/NAME} ({@link KeyValueFile} lines), where
 * rcswitch reads it.
 *
 * @param port    the port to connect to, or 0
 * @param command the shell command, or null
 * @param timeout how long to wait at most
 */
public record Readiness(int port, String command, Duration timeout) {
    public static final String DIR = "nixproc-support/readiness";

    /** The file's path in the package of script NAME. */
    public static String relative(String name) {
        return DIR + "/" + name;
    }

    /** The readiness of process NAME declared in its package, if any. */
    public static Optional<Readiness> of(Path packageRoot, String name) throws IOException {
        Path f = packageRoot.resolve(relative(name));
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Map<String, String> e = KeyValueFile.parse(Files.readString(f, StandardCharsets.UTF_8));
        try {
            Duration timeout = Duration.ofSeconds(Long.parseLong(e.getOrDefault("timeout", "30")));
            if (e.containsKey("port")) {
                return Optional.of(new Readiness(Integer.parseInt(e.get("port")), null, timeout));
            }
            if (e.containsKey("command")) {
                return Optional.of(new Readiness(0, e.get("command"), timeout));
            }
        } catch (NumberFormatException ex) {
            throw new IOException("invalid readiness in '" + f + "': " + ex.getMessage());
        }
        throw new IOException("invalid readiness in '" + f + "': neither port nor command");
    }

    /** What is waited for, for messages. */
    public String what() {
        return command == null ? "port " + port : "command '" + command + "'";
    }
}
