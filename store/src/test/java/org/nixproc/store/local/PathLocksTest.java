package org.nixproc.store.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path locks exclude threads of one JVM and other processes, and never deadlock on overlapping sets. */
class PathLocksTest {
    @TempDir
    Path dir;

    static final String A = "/s/" + "a".repeat(32) + "-a";
    static final String B = "/s/" + "b".repeat(32) + "-b";

    @Test
    void threadsExcludeEachOther() throws Exception {
        PathLocks locks = new PathLocks(dir);
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlap = new AtomicBoolean();
        Thread[] ts = new Thread[8];
        for (int i = 0; i < ts.length; i++) {
            // Half lock {A, B}, half {B, A}: sorted acquisition prevents deadlock.
            List<String> set = i % 2 == 0 ? List.of(A, B) : List.of(B, A);
            ts[i] = new Thread(() -> {
                for (int k = 0; k < 50; k++) {
                    try (PathLocks.Lock l = locks.lock(set)) {
                        if (inside.incrementAndGet() != 1) {
                            overlap.set(true);
                        }
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    }
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join(30_000);
            assertFalse(t.isAlive(), "deadlock");
        }
        assertFalse(overlap.get());
        try (PathLocks.Lock l = locks.lock(List.of(A))) {
            assertTrue(locks.tryLock(A).isEmpty());
            CountDownLatch other = new CountDownLatch(1);
            AtomicBoolean got = new AtomicBoolean();
            Thread t = new Thread(() -> {
                got.set(locks.tryLock(A).isPresent());
                other.countDown();
            });
            t.start();
            other.await();
            assertFalse(got.get());
        }
        locks.tryLock(A).orElseThrow().close();
    }

    /** Holds a lock in another JVM: prints "locked", then waits for a line on stdin. */
    public static void main(String[] args) throws Exception {
        PathLocks locks = new PathLocks(Path.of(args[0]));
        try (PathLocks.Lock l = locks.lock(List.of(args[1]))) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }

    @Test
    void processesExcludeEachOther() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PathLocksTest.class.getName(), dir.toString(), A).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", out.readLine());
        PathLocks locks = new PathLocks(dir);
        assertTrue(locks.tryLock(A).isEmpty(), "held by the other process");
        locks.tryLock(B).orElseThrow().close(); // another path is free
        // A waiting lock is granted once the holder dies, even by SIGKILL.
        AtomicBoolean got = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try (PathLocks.Lock l = locks.lock(List.of(A))) {
                got.set(true);
            }
        });
        waiter.start();
        Thread.sleep(200);
        assertFalse(got.get());
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        waiter.join(30_000);
        assertTrue(got.get());
    }

    /**
     * An interrupted thread must not touch the shared channel itself: the interrupt would close it
     * and drop every lock of this JVM. And it stops waiting for another process's lock.
     */
    @Test
    void interruptedLockersKeepOthersLocksAndStopWaiting() throws Exception {
        PathLocks locks = new PathLocks(dir);
        try (PathLocks.Lock a = locks.lock(List.of(A))) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    locks.lock(List.of(B)).close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
            assertEquals(null, failure.get());
            assertFalse(freeForAnotherProcess(A), "A is still locked after an interrupted thread used the lock file");
        }
        assertTrue(freeForAnotherProcess(A));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PathLocksTest.class.getName(), dir.toString(), A).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    locks.lock(List.of(A)).close();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            waiter.start();
            Thread.sleep(200);
            waiter.interrupt();
            waiter.join(10_000);
            assertFalse(waiter.isAlive());
            assertTrue(failure.get() instanceof UncheckedIOException u && u.getCause() instanceof InterruptedIOException,
                    String.valueOf(failure.get()));
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Whether a process other than this JVM could lock path's byte of the lock file now (fcntl, as lockf does). */
    private boolean freeForAnotherProcess(String path) throws Exception {
        Process p = new ProcessBuilder("python3", "-c",
                "import fcntl, sys; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, int(sys.argv[2]))",
                dir.resolve("paths.lock").toString(), Long.toString(PathLocks.offset(path))).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0;
    }
}
