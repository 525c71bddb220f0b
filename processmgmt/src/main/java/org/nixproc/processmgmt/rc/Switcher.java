package org.nixproc.processmgmt.rc;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves the running processes from one set of rc scripts to another. Scripts are the same when
 * their store paths are: an unchanged process keeps running untouched, an obsolete one is stopped
 * (the last started first), a new one is started in the rc directory's order. Users and groups
 * are created before the processes that need them start and deleted after the last of them stops.
 * A process that fails to start is named; those that do not depend on it still start.
 */
public final class Switcher {
    private final ScriptRunner runner;
    private final Credentials credentials;
    private final PrintStream err;

    public Switcher(ScriptRunner runner, Credentials credentials, PrintStream err) {
        this.runner = runner;
        this.credentials = credentials;
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
}
