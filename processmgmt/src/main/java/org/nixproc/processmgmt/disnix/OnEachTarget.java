package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a step on every target at once, a thread each: each step is a round trip and a JVM start
 * on its target, so the network's steps take as long as the slowest target's, not their sum.
 */
public final class OnEachTarget {
    /** A step on one target. */
    interface Step<T> {
        T on(ClientInterface target) throws IOException, InterruptedException;
    }

    private OnEachTarget() {
    }

    /** The results in the targets' order; if any step failed, an error naming each failure (after all have ended). */
    static <T> Map<ClientInterface, T> run(Collection<ClientInterface> targets, Step<T> step) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, targets.size()));
        try {
            Map<ClientInterface, Future<T>> running = new LinkedHashMap<>();
            for (ClientInterface c : targets) {
                running.put(c, pool.submit(() -> step.on(c)));
            }
            Map<ClientInterface, T> results = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            for (Map.Entry<ClientInterface, Future<T>> e : running.entrySet()) {
                try {
                    results.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    failures.add(ex.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IOException(String.join("\n", failures));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
