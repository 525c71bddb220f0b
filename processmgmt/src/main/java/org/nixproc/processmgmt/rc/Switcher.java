package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nixproc.processmgmt.sysvinit.Readiness;

/**
 * Moves the running processes from one set of rc scripts to another. Scripts are the same when
 * their store paths are: an unchanged process keeps running untouched, an obsolete one is stopped
 * (the last started first), a new one is started in the rc directory's order. Users and groups
 * are created before the processes that need them start and deleted after the last of them stops.
 * A process that fails to start is named; those that do not depend on it still start. A process
 * whose package declares when it is ready ({@link Readiness}) must become ready before the next
 * one starts: one that does not, within its timeout, fails the switch like one that did not start.
 */
public final class Switcher {
    private final ScriptRunner runner;
    private final Credentials credentials;
    private final ReadinessCheck readiness;
    private final PrintStream err;

    /**
     * The switcher of a profile: scripts run in {@code ctx}, the profile's users and groups made
     * and removed (as root, unless the profile disables user changes).
     */
    public static Switcher forProfile(RcContext ctx, Path profileRoot) {
        PrintStream err = ctx.err();
        Credentials creds = new Credentials(Credentials.allowed(profileRoot), Credentials.system(err), err);
        return new Switcher(ctx.runner(), creds, ctx.readinessCheck(), err);
    }

    public Switcher(ScriptRunner runner, Credentials credentials, ReadinessCheck readiness, PrintStream err) {
        this.runner = runner;
        this.credentials = credentials;
        this.readiness = readiness;
        this.err = err;
    }

    /** Switches from {@code old} (empty on a first deployment) to {@code next}; returns the exit status. */
    public int switchTo(List<RcScript> next, List<RcScript> old) {
        Set<Path> nextPaths = new HashSet<>();
        next.forEach(s -> nextPaths.add(s.resolved()));
        Set<Path> oldPaths = new HashSet<>();
        old.forEach(s -> oldPaths.add(s.resolved()));

        List<RcScript> obsolete = new ArrayList<>();
        for (RcScript s : old) {
            if (!nextPaths.contains(s.resolved())) {
                obsolete.add(s);
            }
        }
        Collections.reverse(obsolete);
        List<RcScript> added = new ArrayList<>();
        for (RcScript s : next) {
            if (!oldPaths.contains(s.resolved())) {
                added.add(s);
            }
        }

        int status = 0;
        List<String> stopFailures = new ArrayList<>();
        for (RcScript s : obsolete) {
            int rc = runner.run(s.script(), "stop");
            if (rc != 0) {
                err.println("error: process '" + s.processName() + "' failed to stop (exit code " + rc + ")");
                stopFailures.add(s.processName());
            }
        }
        credentials.delete(obsolete, next);
        credentials.create(added);

        List<RcScript> failed = new ArrayList<>();
        List<String> failedNames = new ArrayList<>();
        Dependencies deps = new Dependencies();
        for (RcScript s : added) {
            Optional<RcScript> dep = deps.firstDependency(s, failed);
            if (dep.isPresent()) {
                err.println("error: process '" + s.processName() + "' not started: it depends on '"
                        + dep.get().processName() + "', which failed to start");
                failed.add(s);
                failedNames.add(s.processName());
                continue;
            }
            int rc = runner.run(s.script(), "start");
            if (rc != 0) {
                err.println("error: process '" + s.processName() + "' failed to start (exit code " + rc + ")");
                failed.add(s);
                failedNames.add(s.processName());
            } else if (!ready(s)) {
                failed.add(s);
                failedNames.add(s.processName());
            }
        }
        if (!failedNames.isEmpty()) {
            err.println("error: " + failedNames.size() + " process(es) not running: " + String.join(", ", failedNames));
            status = 1;
        }
        if (!stopFailures.isEmpty()) {
            status = 1;
        }
        return status;
    }

    // Waits for the readiness the script's package declares, if any; says why when it fails.
    private boolean ready(RcScript s) {
        Optional<Readiness> r;
        try {
            r = Readiness.of(s.packageRoot(), s.processName());
        } catch (IOException e) {
            err.println("error: process '" + s.processName() + "': " + e.getMessage());
            return false;
        }
        if (r.isEmpty()) {
            return true;
        }
        try {
            if (readiness.await(r.get())) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("error: process '" + s.processName() + "' is not ready after " + r.get().timeout().toSeconds()
                + " s (" + r.get().what() + ")");
        return false;
    }
}
