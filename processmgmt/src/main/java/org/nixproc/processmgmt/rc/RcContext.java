package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.nixproc.store.local.StoreConfig;

/**
 * What rcswitch and rcactivity share: the caller's environment, working directory and output,
 * paths relative to it, the script runner, profiles.
 */
public record RcContext(Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {

    /** A command-line path, made absolute against the working directory. */
    public Path path(String arg) {
        return cwd.resolve(arg).normalize();
    }

    public ScriptRunner runner() {
        return new ScriptRunner(env, cwd, out, err);
    }

    public ReadinessCheck readinessCheck() {
        return new ReadinessCheck(env, cwd);
    }

    public Generations generations(String profile) {
        Path state = StoreConfig.fromEnvironment(env, err).stateDir();
        return new Generations(state.resolve("profiles"), profile);
    }

    /** The profile an rc directory belongs to: the directory above {@code etc/rc.d/rcN.d}, else the rc directory. */
    public static Path profileRoot(Path rcDir) {
        if (rcDir.getNameCount() > 3 && rcDir.getParent().endsWith(Path.of("etc", "rc.d"))) {
            return rcDir.getParent().getParent().getParent();
        }
        return rcDir;
    }

    /** The rc directory of the current generation of a profile, or null if it has none. */
    public static Path currentRcDir(Generations gens) {
        return gens.current().flatMap(gens::get).map(g -> g.target().resolve(gens.rcSubdir())).orElse(null);
    }

    public static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("resolving '" + p + "'", e);
        }
    }
}
