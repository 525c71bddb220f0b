package org.nixproc.store.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.nixproc.store.StoreException;

/**
 * The process groups builders run in, read from {@code /proc}: a builder is the leader of a group
 * of its own, which every process it starts joins, so that the whole build can be killed at once,
 * also after the JVM that ran it is gone (its group and its leader's start time are recorded with
 * the claim of its outputs, {@link Ownership}).
 *
 * <p>A group is named by its leader's PID and that process's start time (clock ticks after boot,
 * which never change for a process): a PID is reused only once no process is in the group any
 * more, so a live leader with another start time is somebody else's, and the group is left alone.
 */
public final class ProcessGroups {
    private static final Path PROC = Path.of("/proc");
    private static final long KILL_TIMEOUT_MS = 10_000;

    private ProcessGroups() {
    }

    /** A process's start time, or empty if it is gone. */
    public static OptionalLong startTime(long pid) {
        Stat s = stat(pid);
        return s == null ? OptionalLong.empty() : OptionalLong.of(s.started);
    }

    /**
     * SIGKILLs every process of group {@code pgid} (led by a process started at {@code started})
     * and waits until none is left; nothing if the group is gone or is another's.
     *
     * @throws StoreException if some process of the group outlives the wait
     */
    public static void kill(long pgid, long started) {
        Stat leader = stat(pgid);
        if (leader != null && leader.started != started || pgid == ownGroup()) {
            return;
        }
        long deadline = System.currentTimeMillis() + KILL_TIMEOUT_MS;
        for (List<Long> members = members(pgid); !members.isEmpty(); members = members(pgid)) {
            if (System.currentTimeMillis() > deadline) {
                throw new StoreException("cannot kill the builder processes " + members + " of process group " + pgid);
            }
            // ProcessHandle checks the start time it read against the process it signals.
            members.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                // Not given up: the group must be gone before its outputs are touched.
                Thread.currentThread().interrupt();
                deadline = Math.min(deadline, System.currentTimeMillis() + 1000);
            }
        }
    }

    /** The processes of a group that still run (a zombie writes nothing more). */
    static List<Long> members(long pgid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path e : entries) {
                long pid = Long.parseLong(e.getFileName().toString());
                Stat s = stat(pid);
                if (s != null && s.pgrp == pgid && s.state != 'Z') {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            throw new StoreException("reading " + PROC + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static long ownGroup() {
        Stat s = stat(ProcessHandle.current().pid());
        return s == null ? -1 : s.pgrp;
    }

    private record Stat(char state, long pgrp, long started) {
    }

    // /proc/PID/stat: "PID (COMM) STATE PPID PGRP SESSION ..." with the start time 22nd; COMM may
    // hold spaces and parentheses, so the fields are counted after its last ')'.
    private static Stat stat(long pid) {
        String line;
        try {
            line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return new Stat(f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[19]));
    }
}
