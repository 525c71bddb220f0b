package org.nixproc.store.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** Build directories: making a fresh one, and deleting one whatever the builder left in it. */
final class FileTrees {
    private FileTrees() {
    }

    /**
     * A new directory {@code <root>/<prefix>-N} (mode 0700) for the first N from 0 not taken, as Nix
     * names build directories (nix-build-hello.drv-0).
     */
    static Path createTempDir(Path root, String prefix) {
        try {
            Files.createDirectories(root);
            for (int n = 0;; n++) {
                Path dir = root.resolve(prefix + "-" + n);
                try {
                    Files.createDirectory(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    return dir;
                } catch (FileAlreadyExistsException e) {
                    // taken by another build: try the next number
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating a build directory in '" + root + "'", e);
        }
    }

    /**
     * Deletes a tree, first making directories writable (a builder may leave read-only ones), never
     * following symlinks. A missing tree is fine.
     */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    dir.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("deleting '" + root + "'", e);
        }
    }
}
