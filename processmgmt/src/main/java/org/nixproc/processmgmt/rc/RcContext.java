package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.nixproc.cli.Invocation;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.store.local.StoreConfig;

/** What rcswitch and rcactivity share: paths relative to the invocation, the script runner, profiles. */
final class RcContext {
    final Invocation inv;
    final Path cwd;

    RcContext(Invocation inv) {
        this.inv = inv;
        this.cwd = Bytes.path(inv.cwd());
    }

    /** A command-line path, made absolute against the invocation's working directory. */
    Path path(String arg) {
        return cwd.resolve(arg).normalize();
    }

    ScriptRunner runner() {
        return new ScriptRunner(inv.env(), cwd, inv.out(), inv.err());
    }

    ReadinessCheck readinessCheck() {
        return new ReadinessCheck(inv.env(), cwd);
    }

    Generations generations(String profile) {
        Path state = StoreConfig.fromEnvironment(inv.env(), inv.err()).stateDir();
        return new Generations(state.resolve("profiles"), profile);
    }

    /** The profile an rc directory belongs to: the directory above {@code etc/rc.d/rcN.d}, else the rc directory. */
    static Path profileRoot(Path rcDir) {
        if (rcDir.getNameCount() > 3 && rcDir.getParent().endsWith(Path.of("etc", "rc.d"))) {
            return rcDir.getParent().getParent().getParent();
        }
        return rcDir;
    }

    /** The rc directory of the current generation of a profile, or null if it has none. */
    static Path currentRcDir(Generations gens) {
        return gens.current().flatMap(gens::get).map(g -> g.target().resolve(gens.rcSubdir())).orElse(null);
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("resolving '" + p + "'", e);
        }
    }
}
