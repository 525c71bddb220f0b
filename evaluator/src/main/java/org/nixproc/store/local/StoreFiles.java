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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.BiPredicate;
import org.nixproc.store.Hash;
import org.nixproc.store.HashAlgorithm;
import org.nixproc.store.Nar;

/**
 * File system work on store paths: Nix's canonicalisation (so that a path's metadata says nothing
 * but what its NAR says), NAR hashing with the size, and deletion of read-only trees.
 */
final class StoreFiles {
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
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        boolean exec = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                                .contains(PosixFilePermission.OWNER_EXECUTE);
                        Files.setPosixFilePermissions(file, exec ? READ_EXEC : READ_ONLY);
                    }
                    setMtime(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    // Permissions after the children: the directory must stay writable until then.
                    Files.setPosixFilePermissions(dir, READ_EXEC);
                    setMtime(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("canonicalising '" + root + "'", e);
        }
    }

    private static void setMtime(Path p) throws IOException {
        // The view without following symlinks sets a symlink's own time (lutimes).
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(EPOCH_PLUS_ONE, null, null);
    }

    /** The NAR hash ({@code sha256:<base32>}) and size of a path, filtered as {@link Nar#dump} filters. */
    static ValidPathInfo narInfo(Path path, BiPredicate<Path, String> filter, String storePath,
            Set<String> references, String deriver) {
        return narInfo(path, filter, storePath, references, deriver, OutputStream.nullOutputStream());
    }

    /** {@link #narInfo}, the NAR also going to {@code alsoTo} in the same pass. */
    static ValidPathInfo narInfo(Path path, BiPredicate<Path, String> filter, String storePath,
            Set<String> references, String deriver, OutputStream alsoTo) {
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
        Nar.dump(path, new DigestOutputStream(counting, digest), filter);
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
}
