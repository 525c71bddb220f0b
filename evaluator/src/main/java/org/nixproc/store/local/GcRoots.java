package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.nixproc.store.Hash;
import org.nixproc.store.HashAlgorithm;
import org.nixproc.store.NixBase32;
import org.nixproc.store.StorePath;

/**
 * Garbage collector roots, as Nix keeps them but under nixproc's state directory: symlinks into
 * the store anywhere below {@code gcroots/} (direct roots), symlinks in {@code gcroots/auto/}
 * to symlinks elsewhere such as {@code ./result} (indirect roots: the root lives as long as the
 * link it points at does, and is dropped when that link is gone), and the profiles under
 * {@code profiles/}.
 */
final class GcRoots {
    private static final int MAX_DEPTH = 32;

    private final LocalStore store;
    private final Path gcroots;
    private final Path auto;

    GcRoots(LocalStore store) {
        this.store = store;
        this.gcroots = store.config().stateDir().resolve("gcroots");
        this.auto = gcroots.resolve("auto");
    }

    /**
     * Points {@code link} at {@code storePath} (replacing it atomically) and records it in
     * gcroots/auto; gives the link's absolute path.
     */
    Path addPermRoot(Path link, String storePath) {
        Path abs = link.toAbsolutePath().normalize();
        String name = NixBase32.encode(Hash.of(HashAlgorithm.SHA256, abs.toString()).compressed(20));
        try {
            Files.createDirectories(auto);
            replaceSymlink(abs, Path.of(storePath));
            replaceSymlink(auto.resolve(name), abs);
        } catch (IOException e) {
            throw new UncheckedIOException("creating GC root '" + abs + "'", e);
        }
        return abs;
    }

    // A symlink made under a temporary name and renamed over the old one: never absent in between.
    private static void replaceSymlink(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createSymbolicLink(tmp, target);
        try {
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The store paths the roots point at (whether valid or not). */
    Set<String> find() {
        Set<String> roots = new TreeSet<>();
        scan(gcroots, false, 0, roots);
        scan(store.config().stateDir().resolve("profiles"), false, 0, roots);
        return roots;
    }

    private void scan(Path p, boolean indirect, int depth, Set<String> roots) {
        if (depth > MAX_DEPTH) {
            return;
        }
        try {
            if (Files.isSymbolicLink(p)) {
                Path target = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
                String t = target.toString();
                if (StorePath.isInStore(t, store.storeDir())) {
                    roots.add(StorePath.toStorePath(t, store.storeDir()));
                } else if (indirect && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // The link an indirect root stood for is gone, and so is the root.
                    Files.deleteIfExists(p);
                } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    scan(target, false, depth + 1, roots);
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                boolean autoDir = p.equals(auto);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                    for (Path e : entries) {
                        scan(e, autoDir, depth + 1, roots);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable or malformed root reaches nothing; the others still count.
        }
    }
}
