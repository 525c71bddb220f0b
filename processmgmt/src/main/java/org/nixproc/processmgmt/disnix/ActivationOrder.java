package org.nixproc.processmgmt.disnix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which mappings are activated: each after every mapping (on any target) of the
 * services it depends on or activates after; otherwise in the manifest's order. Deactivation is
 * the reverse. A cycle among ordering dependencies is an error naming a service on it.
 */
public final class ActivationOrder {
    private ActivationOrder() {
    }

    /** {@code subset} (mappings of {@code manifest}) in activation order. */
    static List<Manifest.Mapping> of(Manifest manifest, Collection<Manifest.Mapping> subset) {
        Set<Manifest.Mapping> wanted = new LinkedHashSet<>();
        manifest.mappings().stream().filter(subset::contains).forEach(wanted::add);
        List<Manifest.Mapping> order = new ArrayList<>();
        Set<Manifest.Mapping> done = new HashSet<>();
        Set<Manifest.Mapping> visiting = new HashSet<>();
        for (Manifest.Mapping m : wanted) {
            visit(manifest, m, wanted, done, visiting, order);
        }
        return order;
    }

    private static void visit(Manifest manifest, Manifest.Mapping m, Set<Manifest.Mapping> wanted,
            Set<Manifest.Mapping> done, Set<Manifest.Mapping> visiting, List<Manifest.Mapping> order) {
        if (done.contains(m)) {
            return;
        }
        if (!visiting.add(m)) {
            throw new IllegalArgumentException("service '" + m.service() + "' is on a cycle of dependsOn/activatesAfter");
        }
        for (String dep : manifest.orderingDependencies(m.service())) {
            for (Manifest.Mapping d : manifest.mappings()) {
                if (d.service().equals(dep) && wanted.contains(d)) {
                    visit(manifest, d, wanted, done, visiting, order);
                }
            }
        }
        visiting.remove(m);
        done.add(m);
        order.add(m);
    }

    /**
     * The mappings of {@code manifest} that depend (through ordering edges, transitively) on one of
     * {@code changed}: they must be stopped before it and started again after it.
     */
    static Set<Manifest.Mapping> dependants(Manifest manifest, Collection<Manifest.Mapping> changed) {
        Set<String> services = new HashSet<>();
        changed.forEach(m -> services.add(m.service()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Manifest.Edge e : manifest.edges()) {
                if (e.orders() && services.contains(e.dependency()) && services.add(e.service())) {
                    grew = true;
                }
            }
        }
        Set<Manifest.Mapping> out = new LinkedHashSet<>();
        for (Manifest.Mapping m : manifest.mappings()) {
            if (services.contains(m.service()) && !changed.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }
}
