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

    TestReport(PrintStream out) {
        this.out = out;
    }

    void step(String message) {
        out.println("--- " + message);
        out.flush();
    }

    boolean record(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
        out.println((passed ? "PASS " : "FAIL ") + name);
        if (!passed && !detail.isBlank()) {
            detail.strip().lines().forEach(l -> out.println("     " + l));
        }
        out.flush();
        return passed;
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
