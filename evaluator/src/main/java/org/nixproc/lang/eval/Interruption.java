package org.nixproc.lang.eval;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stopping a running evaluation from another thread: its client went away (the thread is
 * interrupted), or it went over its memory bound ({@link #stopForMemory}: a mark, not an
 * interrupt, which would close the channel the thread still writes its error to). Evaluation
 * checks at every function call and in the loops of builtins that allocate without calling.
 */
public final class Interruption {
    private static final Set<Thread> OVER_MEMORY = ConcurrentHashMap.newKeySet();
    /** Whether any thread is marked: keeps the usual check to one read. */
    private static volatile boolean anyOverMemory;

    private Interruption() {
    }

    /** Makes {@code t}'s evaluation stop soon with "out of memory". */
    public static void stopForMemory(Thread t) {
        OVER_MEMORY.add(t);
        anyOverMemory = true;
    }

    /** Whether {@code t} was stopped for memory; forgets it. */
    public static boolean stoppedForMemory(Thread t) {
        boolean was = OVER_MEMORY.remove(t);
        anyOverMemory = !OVER_MEMORY.isEmpty();
        return was;
    }

    /** Ends the current evaluation if it was stopped: cheap when it was not. */
    public static void check() {
        Thread t = Thread.currentThread();
        if (t.isInterrupted()) {
            throw new InterruptedError();
        }
        if (anyOverMemory && OVER_MEMORY.contains(t)) {
            throw new OutOfMemoryError("over the request's memory bound");
        }
    }
}
