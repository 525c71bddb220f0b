package org.nixproc.store.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BiPredicate;
import org.nixproc.store.Nar;

/**
 * Copies a source tree into the store the way its NAR describes it: directories, regular files
 * (executable or not), symlinks; entries the filter rejects are left out, as {@link Nar#dump}
 * leaves them out of the hash, so that the copy's NAR hash is the one the path was named after.
 */
final class TreeCopy {
    private TreeCopy() {
    }

    static void copy(Path source, Path dest, BiPredicate<Path, String> filter) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && !filter.test(dir, Nar.typeName(attrs))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectory(target(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.equals(source) && !filter.test(file, Nar.typeName(attrs))) {
                    return FileVisitResult.CONTINUE;
                }
                Path t = target(file);
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(t, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, t, LinkOption.NOFOLLOW_LINKS);
                    boolean exec = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                } else {
                    throw new IOException("file '" + file + "' has an unsupported type");
                }
                return FileVisitResult.CONTINUE;
            }

            private Path target(Path p) {
                return p.equals(source) ? dest : dest.resolve(source.relativize(p).toString());
            }
        });
    }
}
