package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
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
        try {
            Files.createDirectories(auto);
            StoreFiles.replaceSymlink(abs, Path.of(storePath));
            StoreFiles.replaceSymlink(auto.resolve(autoName(abs)), abs);
        } catch (IOException e) {
            throw new UncheckedIOException("creating GC root '" + abs + "'", e);
        }
        return abs;
    }

    // The name in gcroots/auto of the indirect root for an absolute link: Nix's, so that what is
    // said of a stale one reads the same.
    static String autoName(Path link) {
        return Hash.of(HashAlgorithm.SHA1, link.toString()).toBase32();
    }

    /** The valid store paths the roots point at. */
    Set<String> find() {
        return new TreeSet<>(links(message -> { }).values());
    }

    /**
     * The roots: each link that points into the store, with the (valid) store path it points at,
     * in Nix's order (by link, bytewise). An indirect root goes by the link it stands for (such as
     * ./result), a profile by its generation's link. Roots of invalid paths are skipped, and
     * indirect roots whose link is gone removed, each said on {@code log} as Nix says it.
     */
    SortedMap<Path, String> links(Consumer<String> log) {
        Scan scan = new Scan(log);
        scan.visit(gcroots, false, 0);
        scan.visit(store.config().stateDir().resolve("profiles"), false, 0);
        return scan.roots;
    }

    /** One walk over the roots: what it found, and where it says what it skipped. */
    private final class Scan {
        private final SortedMap<Path, String> roots = new TreeMap<>();
        private final Consumer<String> log;

        Scan(Consumer<String> log) {
            this.log = log;
        }

        void visit(Path p, boolean indirect, int depth) {
            if (depth > MAX_DEPTH) {
                return;
            }
            try {
                if (Files.isSymbolicLink(p)) {
                    follow(p, indirect, depth);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    boolean autoDir = p.equals(auto);
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                        for (Path e : entries) {
                            visit(e, autoDir, depth + 1);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // An unreadable or malformed root reaches nothing; the others still count.
            }
        }

        // A link into the store is a root; any other is followed to what it points at.
        private void follow(Path link, boolean indirect, int depth) throws IOException {
            Path target = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
            String t = target.toString();
            if (StorePath.isInStore(t, store.storeDir())) {
                found(link, t);
            } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                visit(target, false, depth + 1);
            } else if (indirect) {
                // The link an indirect root stood for is gone, and so is the root.
                log.accept("removing stale link from '" + link + "' to '" + t + "'");
                Files.deleteIfExists(link);
            }
        }

        private void found(Path link, String target) {
            String path = StorePath.toStorePath(target, store.storeDir());
            if (store.isValid(path)) {
                roots.put(link, path);
            } else {
                log.accept("skipping invalid root from '" + link + "' to '" + target + "'");
            }
        }
    }
}
