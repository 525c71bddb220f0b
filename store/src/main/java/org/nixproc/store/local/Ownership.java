package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which paths of the store directory are ours to delete. A machine may share the store
 * directory with a real Nix, so a path we find there without having made it is never removed:
 * a build output we are about to make is first claimed, and only a claimed leftover is cleaned
 * away; a path we adopt because it already held the contents we wanted is marked adopted, and
 * garbage collection only forgets it ({@link GarbageCollector}). Both marks are rows of the store
 * database ({@link StoreDb.Mark}), so that a claim costs no file of its own and registering a path
 * drops its claim in the same transaction.
 *
 * <p>A claim also records the process group of the builder writing into the path
 * ({@link ProcessGroups}): a builder may outlive the JVM that ran it (killed with -9), and its
 * group is killed before a leftover is deleted, so nothing writes into a path built again.
 */
final class Ownership {
    private final StoreDb db;

    /**
     * Marker files in {@code <state>/claimed} and {@code <state>/adopted}, where earlier versions
     * kept the marks, move into the database.
     */
    Ownership(StoreDb db, Path stateDir) {
        this.db = db;
        importMarkerFiles(stateDir.resolve("claimed"), StoreDb.Mark.CLAIMED);
        importMarkerFiles(stateDir.resolve("adopted"), StoreDb.Mark.ADOPTED);
    }

    /** Marks an output we are about to build as ours, so its leftovers may be deleted. */
    void claim(String path) {
        db.transaction(() -> {
            db.mark(StoreDb.Mark.CLAIMED, List.of(path));
            return null;
        });
    }

    /** Records that the builder process {@code pid}, leader of its own group, writes into {@code paths}. */
    void recordBuilder(Collection<String> paths, long pid) {
        long started = ProcessGroups.startTime(pid).orElse(-1);
        db.transaction(() -> {
            db.recordBuilder(paths, pid, started);
            return null;
        });
    }

    /** Kills what is left of the builder recorded for {@code path}, and forgets it. */
    void killBuilder(String path) {
        Optional<long[]> b = db.query(() -> db.builder(path));
        if (b.isPresent()) {
            ProcessGroups.kill(b.get()[0], b.get()[1]);
            db.transaction(() -> {
                db.forgetBuilders(List.of(path));
                return null;
            });
        }
    }

    /** The base names of the claimed paths. */
    List<String> claimed() {
        return db.query(() -> db.marked(StoreDb.Mark.CLAIMED));
    }

    /** Drops the claim of a path whose leftover is gone. */
    void release(String path) {
        db.transaction(() -> {
            db.unmark(StoreDb.Mark.CLAIMED, List.of(path));
            db.forgetBuilders(List.of(path));
            return null;
        });
    }

    boolean isClaimed(String path) {
        return db.query(() -> db.isMarked(StoreDb.Mark.CLAIMED, path));
    }

    /** Records that an existing path was taken into our database without our having made it. */
    void adopt(String path) {
        db.transaction(() -> {
            db.mark(StoreDb.Mark.ADOPTED, List.of(path));
            return null;
        });
    }

    private void importMarkerFiles(Path dir, StoreDb.Mark mark) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> markers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(markers::add);
        } catch (IOException e) {
            throw new UncheckedIOException("reading '" + dir + "'", e);
        }
        db.transaction(() -> {
            db.mark(mark, markers.stream().map(m -> m.getFileName().toString()).toList());
            return null;
        });
        try {
            for (Path m : markers) {
                Files.deleteIfExists(m);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("removing '" + dir + "'", e);
        }
    }
}
