package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nixproc.store.StoreException;

/**
 * Garbage collection over the paths nixproc registered, and nothing else: a store directory
 * shared with real Nix keeps every path nixproc's database does not list.
 *
 * <p>Live paths are the closure of the roots ({@link GcRoots}, and the temporary roots of running
 * processes, {@link TempRoots}, whose additions wait while a collection holds the GC lock) under references, plus, as Nix's
 * default keep-derivations does, the valid derivers of live paths and their closures. Dead paths
 * are deleted referrers first. Each deletion holds the path's lock (a path being built or added
 * is skipped, with what it refers to) and happens inside a database transaction: the path is
 * renamed to a temporary name, unregistered after checking that no valid path refers to it any
 * more, and only then removed from disk, so a crash leaves a temporary the next run cleans up.
 *
 * <p>What crashed builds left is garbage too: a claimed path ({@link Ownership}) that is not valid
 * and whose lock nobody holds (the process that claimed it is gone) is deleted, once what is left
 * of its builder's process group has been killed; so is our stale temporary of any path.
 */
final class GarbageCollector {
    private final LocalStore store;
    private final StoreDb db;

    GarbageCollector(LocalStore store) {
        this.store = store;
        this.db = store.db();
    }

    /** The live paths: roots' closures plus valid derivers (keep-derivations). */
    Set<String> live() {
        Set<String> live = new HashSet<>();
        List<String> todo = new ArrayList<>();
        Set<String> roots = new HashSet<>(store.findRoots());
        roots.addAll(store.tempRoots().find());
        for (String r : roots) {
            if (store.isValid(r)) {
                todo.add(r);
            }
        }
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (!live.add(p)) {
                continue;
            }
            Optional<ValidPathInfo> info = store.queryPathInfo(p);
            if (info.isEmpty()) {
                continue;
            }
            todo.addAll(info.get().references());
            String deriver = info.get().deriver();
            if (deriver != null && store.isValid(deriver)) {
                todo.add(deriver);
            }
        }
        return live;
    }

    GcResult collect(boolean dryRun) {
        try (TempRoots.Held gc = store.tempRoots().lockForCollection()) {
            return collectLocked(dryRun);
        }
    }

    private GcResult collectLocked(boolean dryRun) {
        Set<String> live = live();
        Set<String> dead = new TreeSet<>(store.validPaths());
        dead.removeAll(live);
        if (dryRun) {
            dead.addAll(claimedLeftovers(false).deleted());
            return new GcResult(new ArrayList<>(dead), 0);
        }
        GcResult r = deleteInOrder(dead);
        GcResult leftovers = claimedLeftovers(true);
        List<String> deleted = new ArrayList<>(r.deleted());
        deleted.addAll(leftovers.deleted());
        return new GcResult(deleted, r.bytesFreed() + leftovers.bytesFreed() + removeStaleTemporaries());
    }

    /**
     * The claimed leftovers of builds whose process is gone (their lock is free), deleted unless
     * {@code dryRun} after their builder's group is killed; claims of paths already gone are dropped.
     */
    private GcResult claimedLeftovers(boolean delete) {
        List<String> found = new ArrayList<>();
        long freed = 0;
        for (String name : store.ownership().claimed()) {
            String p = store.storeDir() + "/" + name;
            Optional<PathLocks.Lock> lock = store.locks().tryLock(p);
            if (lock.isEmpty()) {
                continue;
            }
            try (PathLocks.Lock l = lock.get()) {
                if (store.isValid(p)) {
                    continue;
                }
                boolean exists = Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS);
                if (exists) {
                    found.add(p);
                }
                if (delete) {
                    store.ownership().killBuilder(p);
                    freed += StoreFiles.deleteTree(Path.of(p));
                    store.ownership().release(p);
                }
            }
        }
        return new GcResult(found, freed);
    }

    GcResult deleteSpecific(Collection<String> paths) {
        try (TempRoots.Held gc = store.tempRoots().lockForCollection()) {
            return deleteSpecificLocked(paths);
        }
    }

    private GcResult deleteSpecificLocked(Collection<String> paths) {
        for (String p : paths) {
            if (!store.isValid(p)) {
                throw new StoreException("path '" + p + "' is not valid");
            }
        }
        Set<String> live = live();
        Set<String> wanted = new LinkedHashSet<>(paths);
        for (String p : wanted) {
            boolean referredFromOutside = store.queryReferrers(p).stream().anyMatch(r -> !wanted.contains(r) && !r.equals(p));
            if (live.contains(p) || referredFromOutside) {
                throw alive(p);
            }
        }
        GcResult r = deleteInOrder(wanted);
        for (String p : wanted) {
            if (!r.deleted().contains(p)) {
                throw alive(p);
            }
        }
        return r;
    }

    private static StoreException alive(String p) {
        return new StoreException("Cannot delete path '" + p
                + "' since it is still alive. To find out why, use: nix-store --query --roots");
    }

    /** Deletes the set, referrers before references, skipping locked paths and what they refer to. */
    private GcResult deleteInOrder(Set<String> set) {
        List<String> order = referrersFirst(set);
        Set<String> keep = new HashSet<>();
        List<String> deleted = new ArrayList<>();
        long freed = 0;
        for (String p : order) {
            if (keep.contains(p)) {
                continue;
            }
            Optional<PathLocks.Lock> lock = store.locks().tryLock(p);
            if (lock.isEmpty()) {
                keepWithReferences(p, set, keep);
                continue;
            }
            try (PathLocks.Lock l = lock.get()) {
                Path tmp = store.tempPathFor(p);
                boolean gone = db.transaction(() -> {
                    for (String r : db.referrers(p)) {
                        if (!r.equals(p)) {
                            return false;
                        }
                    }
                    // An adopted path is only forgotten: its files are another Nix's.
                    if (!db.isMarked(StoreDb.Mark.ADOPTED, p)) {
                        moveAway(p, tmp);
                    }
                    db.remove(List.of(p));
                    db.unmark(StoreDb.Mark.ADOPTED, List.of(p));
                    return true;
                });
                if (!gone) {
                    keepWithReferences(p, set, keep);
                    continue;
                }
                freed += StoreFiles.deleteTree(tmp);
                deleted.add(p);
            } catch (RuntimeException e) {
                restore(p);
                keepWithReferences(p, set, keep);
            }
        }
        return new GcResult(deleted, freed);
    }

    private void moveAway(String p, Path tmp) {
        Path path = Path.of(p);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.move(path, tmp, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // After a failed transaction: a path moved away but still registered goes back into place.
    private void restore(String p) {
        if (store.isValid(p) && !Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)) {
            String base = p.substring(p.lastIndexOf('/') + 1);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(store.storeDir()),
                    LocalStore.TEMP_PREFIX + base + "-*")) {
                for (Path e : entries) {
                    Files.move(e, Path.of(p), StandardCopyOption.ATOMIC_MOVE);
                    return;
                }
            } catch (IOException e) {
                // verify will report the path as missing.
            }
        }
    }

    private void keepWithReferences(String p, Set<String> set, Set<String> keep) {
        if (keep.add(p)) {
            store.queryPathInfo(p).ifPresent(i -> i.references().stream()
                    .filter(set::contains).forEach(r -> keepWithReferences(r, set, keep)));
        }
    }

    // A topological order in which every path comes before the paths it refers to.
    private List<String> referrersFirst(Set<String> set) {
        List<String> postOrder = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (String p : set) {
            visit(p, set, visited, postOrder);
        }
        List<String> order = new ArrayList<>(postOrder.size());
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            order.add(postOrder.get(i));
        }
        return order;
    }

    // Post-order over references: a path is listed after everything it refers to.
    private void visit(String p, Set<String> set, Set<String> visited, List<String> out) {
        if (!visited.add(p)) {
            return;
        }
        store.queryPathInfo(p).ifPresent(i -> {
            for (String r : i.references()) {
                if (set.contains(r) && !r.equals(p)) {
                    visit(r, set, visited, out);
                }
            }
        });
        out.add(p);
    }

    /** Removes our temporaries that nobody is working on (their lock is free); gives the bytes freed. */
    private long removeStaleTemporaries() {
        long freed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(store.storeDir()),
                LocalStore.TEMP_PREFIX + "*")) {
            for (Path e : entries) {
                String rest = e.getFileName().toString().substring(LocalStore.TEMP_PREFIX.length());
                int dash = rest.lastIndexOf('-');
                String base = dash < 0 ? rest : rest.substring(0, dash);
                Optional<PathLocks.Lock> lock = store.locks().tryLock(store.storeDir() + "/" + base);
                if (lock.isPresent()) {
                    try (PathLocks.Lock l = lock.get()) {
                        freed += StoreFiles.deleteTree(e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the store directory", e);
        }
        return freed;
    }
}
