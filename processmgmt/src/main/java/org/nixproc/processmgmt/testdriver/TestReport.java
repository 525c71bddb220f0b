package org.nixproc.processmgmt.testdriver;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The checks of a test run as they happen, each printed as it is recorded, and their count. */
public final class TestReport {
    /** One check: what was checked, whether it held, and what was seen when it did not. */
    public record Check(String name, boolean passed, String detail) {
    }

    private final List<Check> checks = new ArrayList<>();
    private final PrintStream out;
    // Set when the JVM is stopped mid-run: what the run still does then is noise, as its container goes away.
    private volatile boolean interrupted;

    TestReport(PrintStream out) {
        this.out = out;
    }

    void step(String message) {
        if (interrupted) {
            return;
        }
        out.println("--- " + message);
        out.flush();
    }

    /** Lines that belong to the step or check before them (a command's output), indented. */
    void detail(String text) {
        if (interrupted) {
            return;
        }
        text.lines().forEach(l -> out.println("     " + l));
        out.flush();
    }

    boolean record(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
        if (interrupted) {
            return passed;
        }
        out.println((passed ? "PASS " : "FAIL ") + name);
        if (!passed && !detail.isBlank()) {
            detail(detail.strip());
        }
        out.flush();
        return passed;
    }

    /** Reports that the run was stopped (Ctrl-C, a signal), silences the rest of it and runs {@code removal}. */
    void interrupt(Runnable removal) {
        interrupted = true;
        out.println("--- interrupted: removing the container");
        out.flush();
        removal.run();
        out.println("--- container removed");
        out.flush();
    }

    /** Whether the run was stopped before it finished; its summary then means nothing. */
    public boolean interrupted() {
        return interrupted;
    }

    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    public long passed() {
        return checks.stream().filter(Check::passed).count();
    }

    public long failed() {
        return checks.size() - passed();
    }

    /** Whether every check held (and there was at least one). */
    public boolean ok() {
        return !checks.isEmpty() && failed() == 0;
    }

    /** The last line of a run: {@code N passed, M failed}. */
    public String summary() {
        return passed() + " passed, " + failed() + " failed";
    }

    /** The check of that name, if it was made. */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
