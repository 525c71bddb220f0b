package org.nixproc.store.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.nixproc.lang.eval.Paths;
import org.nixproc.store.StorePath;

/**
 * Where the store lives: the store directory (part of every store path's hash) and nixproc's own
 * state directory (database, locks, GC roots, profiles), which is never a real Nix installation's
 * /nix/var/nix so that a machine with real Nix keeps its database untouched.
 *
 * <p>Locations, in order of preference:
 * <ul>
 * <li>store: {@code NIX_STORE_DIR}, else {@code NIX_STORE}, else {@code /nix/store};
 * <li>state: {@code NIXPROC_STORE_STATE_DIR}, else {@code /nix/var/nixproc}.
 * </ul>
 * {@code NIXPROC_STATE_DIR}, its former name, is what nix-processmgmt's tools call the processes'
 * state directory ({@code /var}); it is taken as the store's state only where it cannot mean that:
 * when it already holds nixproc's database (with a deprecation notice).
 * A user who can write neither a default nor create it (a non-root user on a multi-user machine)
 * gets per-user defaults instead, announced in one line: store
 * {@code $XDG_DATA_HOME/nixproc/store} (default {@code ~/.local/share/nixproc/store}) and state
 * {@code $XDG_STATE_HOME/nixproc} (default {@code ~/.local/state/nixproc}). Since the store
 * directory is hashed into every path, such a store's paths differ from /nix/store's.
 */
public record StoreConfig(String storeDir, Path stateDir) {
    public static final String DEFAULT_STATE_DIR = "/nix/var/nixproc";
    /** The environment variable naming the state directory. */
    public static final String STATE_DIR_VARIABLE = "NIXPROC_STORE_STATE_DIR";
    /** The database, relative to the state directory. */
    static final String DATABASE = "db/db.sqlite";

    public StoreConfig {
        storeDir = Paths.canonical(storeDir);
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    /**
     * The configuration an environment names; a one-line notice goes to {@code notices} when
     * per-user locations replace unwritable defaults.
     */
    public static StoreConfig fromEnvironment(Map<String, String> env, PrintStream notices) {
        return fromEnvironment(env, notices, StoreConfig::canWrite);
    }

    /** As {@link #fromEnvironment(Map, PrintStream)}, with the writability test given (for tests). */
    static StoreConfig fromEnvironment(Map<String, String> env, PrintStream notices, Predicate<Path> writable) {
        String store = nonEmpty(env.get("NIX_STORE_DIR"));
        if (store == null) {
            store = nonEmpty(env.get("NIX_STORE"));
        }
        String state = nonEmpty(env.get(STATE_DIR_VARIABLE));
        String formerState = nonEmpty(env.get("NIXPROC_STATE_DIR"));
        if (state == null && formerState != null && Files.exists(Path.of(formerState, DATABASE))) {
            state = formerState;
            if (notices != null) {
                notices.println("warning: NIXPROC_STATE_DIR is deprecated as the name of nixproc's store state"
                        + " (nix-processmgmt uses it for the processes' state); set " + STATE_DIR_VARIABLE + " instead");
            }
        }
        String home = nonEmpty(env.get("HOME"));
        if (home == null) {
            home = System.getProperty("user.home");
        }
        StringBuilder notice = new StringBuilder();
        if (store == null) {
            store = StorePath.DEFAULT_STORE_DIR;
            if (!writable.test(Path.of(store))) {
                String data = nonEmpty(env.get("XDG_DATA_HOME"));
                store = (data != null ? data : home + "/.local/share") + "/nixproc/store";
                notice.append("store ").append(store);
            }
        }
        if (state == null) {
            state = DEFAULT_STATE_DIR;
            if (!writable.test(Path.of(state))) {
                String st = nonEmpty(env.get("XDG_STATE_HOME"));
                state = (st != null ? st : home + "/.local/state") + "/nixproc";
                notice.append(notice.length() > 0 ? " and state " : "state ").append(state);
            }
        }
        if (notice.length() > 0 && notices != null) {
            notices.println("note: the default store locations are not writable; using per-user " + notice
                    + " (set NIX_STORE_DIR and " + STATE_DIR_VARIABLE + " to choose)");
        }
        return new StoreConfig(store, Path.of(state));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // A directory is usable if it is writable, or if its nearest existing ancestor is (to create it).
    private static boolean canWrite(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isWritable(p);
    }
}
