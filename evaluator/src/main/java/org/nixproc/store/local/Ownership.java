package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which paths of the store directory are ours to delete. A machine may share the store
 * directory with a real Nix, so a path we find there without having made it is never removed:
 * a build output we are about to make is first claimed (a marker in {@code <state>/claimed}),
 * and only a claimed leftover is cleaned away; a path we adopt because it already held the
 * contents we wanted is marked in {@code <state>/adopted}, and garbage collection only forgets it.
 */
final class Ownership {
    private final Path claimed;
    private final Path adopted;

    Ownership(Path stateDir) {
        this.claimed = stateDir.resolve("claimed");
        this.adopted = stateDir.resolve("adopted");
    }

    /** Marks an output we are about to build as ours, so its leftovers may be deleted. */
    void claim(String path) {
        touch(claimed, path);
    }

    boolean isClaimed(String path) {
        return Files.exists(marker(claimed, path));
    }

    /** Records that an existing path was taken into our database without our having made it. */
    void adopt(String path) {
        touch(adopted, path);
    }

    boolean isAdopted(String path) {
        return Files.exists(marker(adopted, path));
    }

    /** Forgets the markers of a path (registered, or gone). */
    void release(String path) {
        try {
            Files.deleteIfExists(marker(claimed, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forgetAdoption(String path) {
        try {
            Files.deleteIfExists(marker(adopted, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path marker(Path dir, String path) {
        return dir.resolve(path.substring(path.lastIndexOf('/') + 1));
    }

    private static void touch(Path dir, String path) {
        try {
            Files.createDirectories(dir);
            Path m = marker(dir, path);
            if (!Files.exists(m)) {
                Files.createFile(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
