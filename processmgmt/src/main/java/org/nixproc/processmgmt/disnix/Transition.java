package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a network from one manifest to another, as Disnix's transition does: mappings that are
 * gone (and those that depend on them and stay) are deactivated, dependants first; mappings that
 * are new (and those restarted) are activated, dependencies first, across targets. A mapping in
 * both manifests is left running. If an activation or deactivation fails, what this transition
 * did is undone in reverse (its activations deactivated, its deactivations activated again), so
 * that the old configuration runs as before.
 */
public final class Transition {
    /** How many mappings were deactivated and activated; the failed mapping if one failed. */
    record Outcome(int deactivated, int activated, Manifest.Mapping failed) {
        boolean ok() {
            return failed == null;
        }
    }

    private final Map<String, ClientInterface> clients;
    private final PrintStream log;

    Transition(Map<String, ClientInterface> clients, PrintStream log) {
        this.clients = clients;
        this.log = log;
    }

    Outcome run(Manifest old, Manifest next) throws IOException, InterruptedException {
        Set<Manifest.Mapping> oldSet = old == null ? Set.of() : new HashSet<>(old.mappings());
        Set<Manifest.Mapping> newSet = new HashSet<>(next.mappings());
        Set<Manifest.Mapping> obsolete = new LinkedHashSet<>(oldSet);
        obsolete.removeAll(newSet);
        Set<Manifest.Mapping> restarted = new LinkedHashSet<>();
        if (old != null) {
            ActivationOrder.dependants(old, obsolete).stream().filter(newSet::contains).forEach(restarted::add);
        }
        Set<Manifest.Mapping> stop = new LinkedHashSet<>(obsolete);
        stop.addAll(restarted);
        Set<Manifest.Mapping> start = new LinkedHashSet<>(newSet);
        start.removeAll(oldSet);
        start.addAll(restarted);

        List<Manifest.Mapping> deactivation = old == null ? List.of() : ActivationOrder.of(old, stop);
        deactivation = new ArrayList<>(deactivation);
        Collections.reverse(deactivation);
        List<Manifest.Mapping> activation = ActivationOrder.of(next, start);

        List<Manifest.Mapping> deactivated = new ArrayList<>();
        for (Manifest.Mapping m : deactivation) {
            if (!call(m, "deactivate")) {
                log.println("error: deactivating " + m.describe() + " failed; rolling back");
                undo(List.of(), deactivated);
                return new Outcome(0, 0, m);
            }
            deactivated.add(m);
        }
        List<Manifest.Mapping> activated = new ArrayList<>();
        for (Manifest.Mapping m : activation) {
            if (!call(m, "activate")) {
                log.println("error: activating " + m.describe() + " failed; rolling back");
                // Whatever part of it started goes too.
                call(m, "deactivate");
                undo(activated, deactivated);
                return new Outcome(0, 0, m);
            }
            activated.add(m);
        }
        return new Outcome(deactivated.size(), activated.size(), null);
    }

    // Deactivates this transition's activations (last first), then activates its deactivations again (first deactivated last).
    private void undo(List<Manifest.Mapping> activated, List<Manifest.Mapping> deactivated) throws IOException, InterruptedException {
        for (int i = activated.size() - 1; i >= 0; i--) {
            if (!call(activated.get(i), "deactivate")) {
                log.println("error: rollback: deactivating " + activated.get(i).describe() + " failed");
            }
        }
        for (int i = deactivated.size() - 1; i >= 0; i--) {
            if (!call(deactivated.get(i), "activate")) {
                log.println("error: rollback: activating " + deactivated.get(i).describe() + " again failed");
            }
        }
    }

    private boolean call(Manifest.Mapping m, String activity) throws IOException, InterruptedException {
        ClientInterface client = clients.get(m.target());
        log.println("[" + m.target() + "]: " + (activity.equals("activate") ? "activating" : "deactivating")
                + " service '" + m.service() + "' (" + m.type() + ")");
        ClientInterface.Result r = client.run(activity, m.type(), m.pkg());
        (r.out() + r.err()).strip().lines().forEach(l -> log.println("    " + l));
        log.flush();
        return r.ok();
    }
}
