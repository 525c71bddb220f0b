package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.PathExport;

/**
 * Copies to each target the closure of its profile (every package it runs), in parallel, one
 * target per thread: the target says which of the paths it lacks ({@code print-invalid}), and
 * only those go, in {@code nix-store --export}'s format, to its {@code import}.
 */
public final class Transfer {
    private final LocalStore store;
    private final PrintStream log;

    Transfer(LocalStore store, PrintStream log) {
        this.store = store;
        this.log = log;
    }

    /** Copies each target's closure; gives the number of store paths sent to each. */
    Map<String, Integer> copy(Map<ClientInterface, String> profiles) throws IOException, InterruptedException {
        Map<String, Integer> copied = new LinkedHashMap<>();
        OnEachTarget.run(profiles.keySet(), c -> copyTo(c, profiles.get(c))).forEach((c, n) -> copied.put(c.targetName(), n));
        return copied;
    }

    private int copyTo(ClientInterface client, String profile) throws IOException, InterruptedException {
        Set<String> closure = store.queryRequisites(List.of(profile));
        ClientInterface.Result invalid = client.run(List.of("print-invalid"),
                out -> out.write(String.join("\n", closure).concat("\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
        if (!invalid.ok()) {
            throw new IOException("target '" + client.targetName() + "': querying its store failed: " + invalid.why());
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
            throw new IOException("target '" + client.targetName() + "': importing store paths failed: " + imported.why());
        }
        return missing.size();
    }
}
