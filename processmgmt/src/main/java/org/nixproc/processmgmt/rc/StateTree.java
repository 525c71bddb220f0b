package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state directories that nix-processmgmt's {@code nixproc-init-state} makes before a switch,
 * so that processes which do not make their own runtime or log directory start: under the state
 * directory ({@code NIXPROC_STATE_DIR}, default {@code /var}) {@code run}, {@code log},
 * {@code cache}, {@code spool}, {@code lock}, {@code lib} and {@code tmp}, each overridable with
 * its own variable ({@code NIXPROC_RUNTIME_DIR}, {@code NIXPROC_LOG_DIR}, ...). A new temporary
 * directory is world-writable and sticky (1777) unless user changes are disabled. With the
 * default state directory, the system's {@code /tmp} and {@code /run} are used and linked from it
 * when missing there.
 */
public final class StateTree {
    static final String DEFAULT_STATE_DIR = "/var";

    private StateTree() {
    }

    /** Makes the tree the environment names; {@code forceDisableUserChange} as upstream's flag. */
    public static void make(Map<String, String> env, boolean forceDisableUserChange) {
        String state = env.getOrDefault("NIXPROC_STATE_DIR", "");
        boolean byDefault = state.isEmpty() || state.equals(DEFAULT_STATE_DIR);
        Path stateDir = Path.of(byDefault ? DEFAULT_STATE_DIR : state);
        try {
            mkdirs(stateDir);
            Path tmp = dir(env, "NIXPROC_TMP_DIR", byDefault ? Path.of("/tmp") : stateDir.resolve("tmp"));
            if (!Files.isDirectory(tmp)) {
                mkdirs(tmp);
                if (!forceDisableUserChange) {
                    Files.setAttribute(tmp, "unix:mode", 01777);
                }
            }
            linkIfMissing(stateDir.resolve("tmp"), tmp, Path.of("/tmp"));
            Path run = dir(env, "NIXPROC_RUNTIME_DIR", byDefault ? Path.of("/run") : stateDir.resolve("run"));
            mkdirs(run);
            linkIfMissing(stateDir.resolve("run"), run, Path.of("/run"));
            for (String[] d : new String[][] {{"NIXPROC_LOG_DIR", "log"}, {"NIXPROC_CACHE_DIR", "cache"},
                    {"NIXPROC_SPOOL_DIR", "spool"}, {"NIXPROC_LOCK_DIR", "lock"}, {"NIXPROC_LIB_DIR", "lib"}}) {
                mkdirs(dir(env, d[0], stateDir.resolve(d[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("making the state directories under '" + stateDir + "': " + e, e);
        }
    }

    // A directory, also where a link to it dangles (as /var/lock -> /run/lock may in a container).
    private static void mkdirs(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            Files.createDirectories(dir.resolveSibling(Files.readSymbolicLink(dir)));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static Path dir(Map<String, String> env, String variable, Path fallback) {
        String v = env.getOrDefault(variable, "");
        return v.isEmpty() ? fallback : Path.of(v);
    }

    // As upstream: the system's /tmp or /run is linked from the state directory, for compatibility.
    private static void linkIfMissing(Path link, Path dir, Path system) throws IOException {
        if (dir.equals(system) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, system);
        }
    }
}
