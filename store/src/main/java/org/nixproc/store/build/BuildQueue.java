package org.nixproc.store.build;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Runs the builds of one {@link Realiser#realise} call, several at once: on a disk whose file
 * creations wait on the device, independent builds overlap their waits. The caller starts builds
 * one by one in its (Nix's) order, each once its inputs are done ({@link #awaitDone}), so the
 * "building" lines keep that order. At most {@link BuildSettings#maxJobs()} builder processes
 * run at once (Nix's max-jobs), and at most {@link BuildSettings#javaJobs()} builds in all; Java
 * builders run in-process and need no process slot. After a failure no build starts, and those
 * running are let finish. If the caller is interrupted while it waits (its client went away), the
 * builds are cancelled: those running are interrupted (their builders killed) and none starts.
 */
final class BuildQueue implements AutoCloseable {
    /** A build: its work, which may fail. */
    interface Build {
        void run();
    }

    private final ExecutorService threads;
    private final Semaphore slots;
    private final Semaphore processes;
    private final Set<String> done = new HashSet<>();
    private int running;
    private String failed;
    private RuntimeException error;
    private Error fatal;
    private boolean cancelled;

    BuildQueue(BuildSettings settings) {
        int n = Math.max(settings.maxJobs(), settings.javaJobs());
        this.threads = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "nixproc-build");
            t.setDaemon(true);
            return t;
        });
        this.slots = new Semaphore(n);
        this.processes = new Semaphore(settings.maxJobs());
    }

    /** Waits until the builds of {@code inputs} are done; false if a build failed meanwhile. */
    synchronized boolean awaitDone(Collection<String> inputs) {
        while (failed == null && !done.containsAll(inputs)) {
            waitOrCancel();
        }
        return failed == null;
    }

    /**
     * Waits for a slot for a build (and a process slot if it runs a builder process); false, with
     * nothing reserved, if a build failed meanwhile.
     */
    boolean reserve(boolean process) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            cancel();
            return false;
        }
        if (process) {
            try {
                processes.acquire();
            } catch (InterruptedException e) {
                slots.release();
                cancel();
                return false;
            }
        }
        synchronized (this) {
            if (failed == null) {
                return true;
            }
        }
        release(process);
        return false;
    }

    /** Gives back a reservation that was not used: there was nothing to build ({@code done}), or starting failed. */
    void unreserve(boolean process, String drvPath, boolean done) {
        release(process);
        if (done) {
            synchronized (this) {
                this.done.add(drvPath);
                notifyAll();
            }
        }
    }

    /** Runs a reserved build on a thread of its own. */
    void start(String drvPath, boolean process, Build build) {
        synchronized (this) {
            running++;
        }
        threads.execute(() -> {
            RuntimeException e = null;
            Error f = null;
            try {
                build.run();
            } catch (RuntimeException x) {
                e = x;
            } catch (Error x) {
                f = x;
            }
            // Known done (or failed) before its slot is free, so that nothing starts after a failure.
            finished(drvPath, e, f);
            release(process);
        });
    }

    /** Records a failure that happened before its build could start. */
    synchronized void fail(String drvPath, RuntimeException e) {
        finishedLocked(drvPath, e, null);
    }

    /** Waits for the running builds; gives the failed build, if any (see {@link #error()}). */
    synchronized String awaitAll() {
        while (running > 0) {
            waitOrCancel();
        }
        if (fatal != null) {
            throw fatal;
        }
        return failed;
    }

    /** Whether the builds were cancelled (see the class comment); {@link #error()} then says so. */
    synchronized boolean cancelled() {
        return cancelled;
    }

    /** What made {@link #awaitAll()}'s build fail. */
    synchronized RuntimeException error() {
        return error;
    }

    synchronized boolean isDone(String drvPath) {
        return done.contains(drvPath);
    }

    private void release(boolean process) {
        if (process) {
            processes.release();
        }
        slots.release();
    }

    private synchronized void finished(String drvPath, RuntimeException e, Error f) {
        running--;
        finishedLocked(drvPath, e, f);
    }

    // The first failure to happen is the one reported; builds already running may fail after it.
    private void finishedLocked(String drvPath, RuntimeException e, Error f) {
        if (e == null && f == null) {
            done.add(drvPath);
        } else if (failed == null) {
            failed = drvPath;
            error = e;
            fatal = f;
        }
        notifyAll();
    }

    private void waitOrCancel() {
        try {
            wait();
        } catch (InterruptedException e) {
            cancel();
        }
    }

    private synchronized void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (failed == null) {
                failed = "";
                error = new BuildError(BuildError.Kind.MISC, "interrupted by the user");
            }
            threads.shutdownNow();
            notifyAll();
        }
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
