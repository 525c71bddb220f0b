package org.nixproc.store.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.store.Nar;

/**
 * File system work on store paths: Nix's canonicalisation (so that a path's metadata says nothing
 * but what its NAR says), NAR hashing with the size, and deletion of read-only trees.
 */
public final class StoreFiles {
    private static final FileTime EPOCH_PLUS_ONE = FileTime.fromMillis(1000);
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> READ_EXEC = PosixFilePermissions.fromString("r-xr-xr-x");

    private StoreFiles() {
    }

    /**
     * Recursively: mtime 1 (symlinks too, without following them), regular files 0444 or 0555
     * when the owner could execute them, directories 0555. Ownership is left alone.
     */
    static void canonicalise(Path root) {
        Nar.dump(root, OutputStream.nullOutputStream(), Nar.ALL, StoreFiles::canonicaliseEntry);
    }

    // One file of canonicalise, given its attributes; a directory comes after its entries, since
    // it must stay writable until then.
    private static void canonicaliseEntry(Path p, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
            Set<PosixFilePermission> perms = attrs instanceof PosixFileAttributes posix ? posix.permissions()
                    : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(p, perms.contains(PosixFilePermission.OWNER_EXECUTE) ? READ_EXEC : READ_ONLY);
        } else if (attrs.isDirectory()) {
            Files.setPosixFilePermissions(p, READ_EXEC);
        }
        setMtime(p, attrs.lastAccessTime());
    }

    private static void setMtime(Path p, FileTime atime) throws IOException {
        // The view without following symlinks sets a symlink's own time (lutimes); given the
        // access time, it need not read it first.
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(EPOCH_PLUS_ONE, atime, null);
    }

    /** The NAR hash ({@code sha256:<base32>}) and size of a path, filtered as {@link Nar#dump} filters. */
    static ValidPathInfo narInfo(Path path, BiPredicate<Path, String> filter, String storePath,
            Set<String> references, String deriver) {
        return narInfo(path, filter, storePath, references, deriver, OutputStream.nullOutputStream(), (p, a) -> { });
    }

    /**
     * {@link #narInfo}, the NAR also going to {@code alsoTo}, the path canonicalised (see
     * {@link #canonicalise}) in the same pass: the archive records nothing canonicalising changes.
     */
    static ValidPathInfo canonicalisedNarInfo(Path path, String storePath, Set<String> references, String deriver,
            OutputStream alsoTo) {
        return narInfo(path, Nar.ALL, storePath, references, deriver, alsoTo, StoreFiles::canonicaliseEntry);
    }

    private static ValidPathInfo narInfo(Path path, BiPredicate<Path, String> filter, String storePath,
            Set<String> references, String deriver, OutputStream alsoTo, Nar.Visitor after) {
        MessageDigest digest = HashAlgorithm.SHA256.newDigest();
        long[] size = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                size[0]++;
                alsoTo.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                size[0] += len;
                alsoTo.write(b, off, len);
            }
        };
        Nar.dump(path, new DigestOutputStream(counting, digest), filter, after);
        String hash = Hash.of(HashAlgorithm.SHA256, digest).toString(Hash.Format.BASE32, true);
        return new ValidPathInfo(storePath, hash, size[0], references, deriver);
    }

    /**
     * Deletes a tree that may be read-only (directories are made writable first); gives the bytes
     * of the regular files removed. A missing path is no error.
     */
    static long deleteTree(Path root) {
        long[] freed = {0};
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        freed[0] += attrs.size();
                    }
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            return freed[0];
        } catch (IOException e) {
            throw new UncheckedIOException("deleting '" + root + "'", e);
        }
        return freed[0];
    }

    /** Points {@code link} at {@code target} atomically: readers see the old link or the new one, never none. */
    public static void replaceSymlink(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createSymbolicLink(tmp, target);
        try {
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
