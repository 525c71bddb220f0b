package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The driver run a test container belongs to, kept in the container's label {@value #LABEL} as
 * {@code HOST/PID/START} (START: when that process started, in milliseconds since the epoch). A run
 * killed before it could remove its container (SIGKILL) leaves it behind; a later run on the same
 * host removes it once that process is gone. The start time tells a reused PID from the owner.
 */
public record ContainerOwner(String host, long pid, long startMillis) {
    public static final String LABEL = "org.nixproc.test";

    /** This process. */
    public static ContainerOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ContainerOwner(hostName(), self.pid(), startMillis(self).orElse(0L));
    }

    public String label() {
        return host + "/" + pid + "/" + startMillis;
    }

    /** The owner a label names; empty for a label this driver did not write. */
    static Optional<ContainerOwner> parse(String label) {
        String[] parts = label == null ? new String[0] : label.split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ContainerOwner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this owner was a process of host {@code here} that no longer runs. */
    boolean isGoneFrom(String here) {
        return host.equals(here)
                && ProcessHandle.of(pid).flatMap(ContainerOwner::startMillis).filter(s -> s == startMillis).isEmpty();
    }

    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Optional<Long> startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli);
    }
}
