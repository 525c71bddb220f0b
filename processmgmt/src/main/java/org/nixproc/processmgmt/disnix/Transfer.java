package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.PathExport;

/**
 * Copies to each target the closure of its profile (every package it runs), in parallel, one
 * target per thread: the target says which of the paths it lacks ({@code print-invalid}), and
 * only those go, in {@code nix-store --export}'s format, to its {@code import}.
 */
final class Transfer {
    private final LocalStore store;
    private final PrintStream log;

    Transfer(LocalStore store, PrintStream log) {
        this.store = store;
        this.log = log;
    }

    /** Copies each target's closure; gives the number of store paths sent to each. */
    Map<String, Integer> copy(Map<ClientInterface, String> profiles) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, profiles.size()));
        try {
            Map<String, Future<Integer>> running = new LinkedHashMap<>();
            for (Map.Entry<ClientInterface, String> e : profiles.entrySet()) {
                running.put(e.getKey().targetName(), pool.submit(() -> copyTo(e.getKey(), e.getValue())));
            }
            Map<String, Integer> copied = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<Integer>> e : running.entrySet()) {
                try {
                    copied.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    failures.add(ex.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IOException(String.join("\n", failures));
            }
            return copied;
        } finally {
            pool.shutdownNow();
        }
    }

    private int copyTo(ClientInterface client, String profile) throws IOException, InterruptedException {
        Set<String> closure = store.queryRequisites(List.of(profile));
        ClientInterface.Result invalid = client.run(List.of("print-invalid"),
                out -> out.write(String.join("\n", closure).concat("\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
        if (!invalid.ok()) {
            throw new IOException("target '" + client.targetName() + "': querying its store failed: " + invalid.err().strip());
        }
        Collection<String> missing = invalid.out().lines().filter(l -> !l.isBlank()).toList();
        synchronized (log) {
            log.println("[" + client.targetName() + "]: copying " + missing.size() + " of " + closure.size() + " store paths");
        }
        if (missing.isEmpty()) {
            return 0;
        }
        ClientInterface.Result imported = client.run(List.of("import"), out -> PathExport.export(store, missing, out), null);
        if (!imported.ok()) {
            throw new IOException("target '" + client.targetName() + "': importing store paths failed: " + imported.err().strip());
        }
        return missing.size();
    }
}
