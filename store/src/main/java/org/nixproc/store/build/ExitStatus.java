package org.nixproc.store.build;

import java.util.Map;

/**
 * How Nix words a builder's end: "failed with exit code N" or "failed due to signal N (Name)",
 * with glibc's signal descriptions. The JDK reports death by signal N as exit value 128 + N, so
 * values 129 to 192 are taken as signals (a shell reports its child's death the same way).
 */
final class ExitStatus {
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "Hangup"), Map.entry(2, "Interrupt"), Map.entry(3, "Quit"),
            Map.entry(4, "Illegal instruction"), Map.entry(5, "Trace/breakpoint trap"), Map.entry(6, "Aborted"),
            Map.entry(7, "Bus error"), Map.entry(8, "Floating point exception"), Map.entry(9, "Killed"),
            Map.entry(10, "User defined signal 1"), Map.entry(11, "Segmentation fault"),
            Map.entry(12, "User defined signal 2"), Map.entry(13, "Broken pipe"), Map.entry(14, "Alarm clock"),
            Map.entry(15, "Terminated"), Map.entry(16, "Stack fault"), Map.entry(24, "CPU time limit exceeded"),
            Map.entry(25, "File size limit exceeded"), Map.entry(26, "Virtual timer expired"),
            Map.entry(27, "Profiling timer expired"), Map.entry(31, "Bad system call"));

    private ExitStatus() {
    }

    /** "failed with exit code 3", "failed due to signal 9 (Killed)". */
    static String describe(int exitValue) {
        if (exitValue > 128 && exitValue <= 128 + 64) {
            int sig = exitValue - 128;
            return "failed due to signal " + sig + " (" + SIGNALS.getOrDefault(sig, "Unknown signal " + sig) + ")";
        }
        return "failed with exit code " + exitValue;
    }
}
