package org.nixproc.store.build;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nixproc.store.Derivation;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.PathLocks;
import org.nixproc.store.local.ValidPathInfo;

/**
 * Makes derivations' outputs valid, building what is missing in dependency order, as
 * {@code nix-build} and {@code nix-store --realise} do.
 *
 * <p>A derivation is built only if an output that is wanted (all of a requested derivation's,
 * those an input derivation's user names) is not valid; its input derivations are looked at only
 * then. What will be built is announced first ("these 3 derivations will be built:"), in Nix's
 * order: dependencies first, otherwise by path. Each build takes the locks of its outputs, then
 * checks again whether they are valid (another process may have built them meanwhile, and a valid
 * path is never built again), builds ("building '…drv'...") and registers the outputs in one
 * transaction before letting go of the locks.
 *
 * <p>Builds start one at a time in that order, each once its inputs are built, and run several at
 * once as {@link BuildQueue} allows. They stop at the first failure, which is reported as Nix's worker
 * reports it without --keep-going: the failed build's error, a "1 dependencies of derivation '…'
 * failed to build" for each derivation waiting on it, and "build of '…', '…' failed" when more
 * than one requested path is left without its outputs; the errors that are not the final one go
 * to the log. Requested paths that cannot be had count among those left so.
 */
public final class Realiser {
    private final LocalStore store;
    private final PrintStream log;
    private final DerivationBuilder builder;
    private final BuildSettings settings;

    public Realiser(LocalStore store, PrintStream log) {
        this(store, log, BuildSettings.defaults());
    }

    public Realiser(LocalStore store, PrintStream log, BuildSettings settings) {
        this.store = store;
        this.log = log;
        this.builder = new DerivationBuilder(store, settings, log);
        this.settings = settings;
    }

    /**
     * Builds what the outputs of {@code drvPaths} need and gives each derivation's output paths by
     * output name.
     *
     * @throws BuildError when a build fails (nothing of it is then valid)
     */
    public Map<String, SortedMap<String, String>> realise(Collection<String> drvPaths) {
        return realise(drvPaths, Collections.emptySortedSet());
    }

    /**
     * As {@link #realise(Collection)}; without {@code announce} the list of what will be built is
     * not printed (Nix does not print it for import from derivation).
     */
    public Map<String, SortedMap<String, String>> realise(Collection<String> drvPaths, boolean announce) {
        return realise(drvPaths, Collections.emptySortedSet(), announce);
    }

    /**
     * As {@link #realise(Collection)}, for a request that also names paths that cannot be had
     * ({@code unknown}: derivations missing from the store, other paths that are not valid, as
     * nixproc has no substituters). They fail it as they fail Nix's worker: a missing derivation
     * before anything is built, other paths once the builds are done.
     */
    public Map<String, SortedMap<String, String>> realise(Collection<String> drvPaths, SortedSet<String> unknown) {
        return realise(drvPaths, unknown, true);
    }

    private Map<String, SortedMap<String, String>> realise(Collection<String> drvPaths, SortedSet<String> unknown,
            boolean announce) {
        List<String> top = new ArrayList<>(new LinkedHashSet<>(drvPaths));
        List<String> order = missing(top);
        if (announce) {
            printMissing(order, unknown);
        }
        List<BuildError> missingDrvs = unknown.stream().filter(p -> p.endsWith(".drv"))
                .map(p -> new BuildError(BuildError.Kind.MISC, "cannot build missing derivation '" + p + "'")).toList();
        if (!missingDrvs.isEmpty()) {
            throw report(missingDrvs, unbuilt(top, unknown));
        }
        String failed;
        RuntimeException error;
        boolean cancelled;
        Set<String> built = new HashSet<>();
        Set<String> planned = new HashSet<>(order);
        try (BuildQueue queue = new BuildQueue(settings)) {
            for (String d : schedule(order)) {
                if (!queue.awaitDone(derivation(d).inputDrvs().keySet().stream().filter(planned::contains).toList())) {
                    break;
                }
                try {
                    startBuild(d, queue);
                } catch (RuntimeException e) {
                    queue.fail(d, e);
                    break;
                }
            }
            failed = queue.awaitAll();
            error = queue.error();
            cancelled = queue.cancelled();
            for (String d : order) {
                if (queue.isDone(d)) {
                    built.add(d);
                }
            }
        }
        if (cancelled) {
            Thread.currentThread().interrupt();
            throw (BuildError) error;
        }
        if (failed != null) {
            String message = error.getMessage() != null ? error.getMessage() : error.toString();
            BuildError e = error instanceof BuildError b ? b : new BuildError(BuildError.Kind.MISC, message);
            if (e != error) {
                e.initCause(error);
            }
            throw failure(top, unknown, order, built, failed, e);
        }
        if (!unknown.isEmpty()) {
            throw report(List.of(), unknown);
        }
        Map<String, SortedMap<String, String>> result = new LinkedHashMap<>();
        for (String t : top) {
            result.put(t, DerivationBuilder.outputPaths(derivation(t)));
        }
        return result;
    }

    /**
     * {@code nix-store --verify --repair}: rebuilds the derivations that made {@code paths} (valid
     * paths found damaged) with the damaged outputs aside, and puts the results in their place,
     * registered anew (see {@link DerivationBuilder}); the settings must ask for repair. Gives the
     * paths that cannot be repaired, having no valid deriver (nixproc has no substituters).
     */
    public List<String> repair(Collection<String> paths) {
        List<String> cannot = new ArrayList<>();
        Set<String> derivers = new LinkedHashSet<>();
        for (String p : paths) {
            String d = store.queryPathInfo(p).map(ValidPathInfo::deriver).orElse(null);
            if (d != null && store.isValid(d) && DerivationBuilder.outputPaths(derivation(d)).containsValue(p)) {
                derivers.add(d);
            } else {
                cannot.add(p);
            }
        }
        for (String d : derivers) {
            Derivation drv = derivation(d);
            realise(drv.inputDrvs().keySet(), false);
            try (PathLocks.Lock lock = store.lockPaths(DerivationBuilder.outputPaths(drv).values())) {
                log.println("repairing the outputs of '" + d + "'...");
                log.flush();
                store.registerValidPaths(builder.build(d, drv));
            }
        }
        return cannot;
    }

    /** The derivations {@link #realise} would build now, in the order it would build them. */
    public List<String> missing(Collection<String> drvPaths) {
        Set<String> needed = new HashSet<>();
        for (String d : drvPaths) {
            collect(d, null, needed);
        }
        List<String> order = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (String d : new TreeSet<>(needed)) {
            postOrder(d, needed, visited, order);
        }
        return order;
    }

    /**
     * The order in which Nix's worker (one build at a time) gets to the builds: of the derivations
     * whose inputs are built, the first by name (then path); one whose last input was just built
     * joins them only after the next build, since its goal needs a round more to get ready.
     */
    static List<String> schedule(List<String> toBuild, Map<String, Set<String>> inputs) {
        java.util.Comparator<String> byKey = java.util.Comparator
                .comparing((String d) -> org.nixproc.store.StorePath.namePart(d)).thenComparing(d -> d);
        // Counts of unbuilt inputs and who waits on whom, so that each build costs its edges only.
        Set<String> planned = new HashSet<>(toBuild);
        Map<String, Integer> unbuilt = new HashMap<>();
        Map<String, List<String>> waiters = new HashMap<>();
        TreeSet<String> ready = new TreeSet<>(byKey);
        for (String d : toBuild) {
            int n = 0;
            for (String in : inputs.get(d)) {
                if (planned.contains(in)) {
                    n++;
                    waiters.computeIfAbsent(in, k -> new ArrayList<>()).add(d);
                }
            }
            unbuilt.put(d, n);
            if (n == 0) {
                ready.add(d);
            }
        }
        List<String> out = new ArrayList<>();
        List<String> joining = new ArrayList<>();
        while (!ready.isEmpty() || !joining.isEmpty()) {
            if (ready.isEmpty()) {
                ready.addAll(joining);
                joining.clear();
            }
            String d = ready.pollFirst();
            out.add(d);
            ready.addAll(joining);
            joining.clear();
            for (String w : waiters.getOrDefault(d, List.of())) {
                if (unbuilt.merge(w, -1, Integer::sum) == 0) {
                    joining.add(w);
                }
            }
        }
        return out;
    }

    private List<String> schedule(List<String> toBuild) {
        Map<String, Set<String>> inputs = new HashMap<>();
        for (String d : toBuild) {
            inputs.put(d, derivation(d).inputDrvs().keySet());
        }
        return schedule(toBuild, inputs);
    }

    /** Announces what will be built and which paths cannot be had, as Nix does; nothing for nothing. */
    public void printMissing(List<String> toBuild, Collection<String> unknown) {
        if (!toBuild.isEmpty()) {
            log.println(toBuild.size() == 1 ? "this derivation will be built:"
                    : "these " + toBuild.size() + " derivations will be built:");
            toBuild.forEach(d -> log.println("  " + d));
        }
        if (!unknown.isEmpty()) {
            log.println("don't know how to build these paths:");
            unknown.forEach(p -> log.println("  " + p));
        }
        log.flush();
    }

    private Derivation derivation(String drvPath) {
        return store.readDerivation(drvPath);
    }

    // A derivation is needed if a wanted output (null: all) is invalid; then so are its inputs.
    private void collect(String drvPath, Set<String> wanted, Set<String> needed) {
        if (needed.contains(drvPath)) {
            return;
        }
        // Temporary roots first, so that a concurrent garbage collection cannot delete what is
        // found valid here before it is used (or linked to by the caller).
        Derivation drv = derivation(drvPath);
        List<String> roots = new ArrayList<>(List.of(drvPath));
        for (var e : drv.outputs().entrySet()) {
            if (wanted == null || wanted.contains(e.getKey())) {
                roots.add(e.getValue().path());
            }
        }
        store.addTempRoots(roots);
        boolean missing = drv.outputs().entrySet().stream()
                .anyMatch(e -> (wanted == null || wanted.contains(e.getKey())) && !store.isValid(e.getValue().path()));
        if (!missing) {
            return;
        }
        needed.add(drvPath);
        for (Map.Entry<String, ? extends Set<String>> in : drv.inputDrvs().entrySet()) {
            collect(in.getKey(), in.getValue(), needed);
        }
    }

    private void postOrder(String d, Set<String> needed, Set<String> visited, List<String> order) {
        if (!visited.add(d)) {
            return;
        }
        for (String in : derivation(d).inputDrvs().keySet()) {
            if (needed.contains(in)) {
                postOrder(in, needed, visited, order);
            }
        }
        order.add(d);
    }

    // Checks what can be checked before building, takes the output locks and, unless another
    // process built the outputs meanwhile, starts the build, which lets go of the locks when done.
    private void startBuild(String drvPath, BuildQueue queue) {
        Derivation drv = derivation(drvPath);
        builder.checkBuildable(drvPath, drv);
        for (String src : drv.inputSrcs()) {
            if (!store.isValid(src)) {
                throw new BuildError(BuildError.Kind.MISC,
                        "path '" + src + "' is required, but there is no substituter that can build it");
            }
        }
        Collection<String> outs = DerivationBuilder.outputPaths(drv).values();
        store.addTempRoots(outs);
        boolean process = !JavaBuilders.isBuiltin(drv.builder());
        if (!queue.reserve(process)) {
            return;
        }
        PathLocks.Lock lock = null;
        try {
            lock = store.lockPaths(outs);
            if (outs.stream().allMatch(store::isValid)) {
                lock.close();
                queue.unreserve(process, drvPath, true);
                return;
            }
        } catch (RuntimeException | Error e) {
            if (lock != null) {
                lock.close();
            }
            queue.unreserve(process, drvPath, false);
            throw e;
        }
        log.println("building '" + drvPath + "'...");
        log.flush();
        PathLocks.Lock held = lock;
        queue.start(drvPath, process, () -> {
            try (held) {
                List<ValidPathInfo> infos = builder.build(drvPath, drv);
                try {
                    store.registerValidPaths(infos);
                } catch (RuntimeException e) {
                    for (ValidPathInfo i : infos) {
                        store.deleteUnregistered(i.path());
                    }
                    throw e;
                }
            }
        });
    }

    // What Nix's worker (without --keep-going) reports when `failed` fails: see the class comment.
    private BuildError failure(List<String> top, SortedSet<String> unknown, List<String> order, Set<String> built,
            String failed, BuildError e) {
        Set<String> topSet = new HashSet<>(top);
        Map<String, BuildError> goalErrors = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(failed));
        Map<String, BuildError> errors = new HashMap<>(Map.of(failed, e));
        while (!queue.isEmpty()) {
            String x = queue.poll();
            List<String> waiters = new ArrayList<>();
            for (String w : order) {
                if (!built.contains(w) && !errors.containsKey(w) && derivation(w).inputDrvs().containsKey(x)) {
                    waiters.add(w);
                }
            }
            if (waiters.isEmpty()) {
                goalErrors.put(x, errors.get(x));
            } else {
                log.println("error: " + errors.get(x).getMessage());
            }
            if (topSet.contains(x)) {
                break;
            }
            for (String w : waiters) {
                errors.put(w, e.withMessage("1 dependencies of derivation '" + w + "' failed to build"));
                queue.add(w);
            }
        }
        List<BuildError> topErrors = new ArrayList<>();
        for (String t : top) {
            if (goalErrors.containsKey(t)) {
                topErrors.add(goalErrors.get(t));
            }
        }
        return report(topErrors, unbuilt(top, unknown));
    }

    // The requested paths left without their outputs: the unknown ones, and derivations not built.
    private SortedSet<String> unbuilt(List<String> top, SortedSet<String> unknown) {
        SortedSet<String> failed = new TreeSet<>(unknown);
        for (String t : top) {
            if (!DerivationBuilder.outputPaths(derivation(t)).values().stream().allMatch(store::isValid)) {
                failed.add(t);
            }
        }
        return failed;
    }

    // What Nix's buildPaths says once its goals are done: the first error when only one requested
    // path failed, otherwise that error too and then which paths failed; later errors as they came.
    private BuildError report(List<BuildError> errors, SortedSet<String> failed) {
        errors.stream().skip(1).forEach(x -> log.println("error: " + x.getMessage()));
        if (failed.size() == 1 && !errors.isEmpty()) {
            return errors.get(0);
        }
        List<String> quoted = failed.stream().map(f -> "'" + f + "'").toList();
        String message = "build of " + String.join(", ", quoted) + " failed";
        if (errors.isEmpty()) {
            return new BuildError(BuildError.Kind.MISC, message);
        }
        log.println("error: " + errors.get(0).getMessage());
        return errors.get(0).withMessage(message);
    }
}
