package org.nixproc.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directory listings for walks over large trees: {@link java.io.File#list()} reads a directory in
 * about half the system calls of {@link Files#list} (no duplicated descriptor, no flag changes),
 * which shows when a build walks tens of thousands of directories.
 */
public final class FileNames {
    private FileNames() {
    }

    /** The names of the entries of {@code dir}, in no particular order. */
    public static String[] list(Path dir) throws IOException {
        String[] names = dir.toFile().list();
        if (names == null) {
            // java.io tells no reason: NIO reports the real error (missing, not a directory, denied).
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                throw new IOException("cannot read directory '" + dir + "'");
            }
        }
        return names;
    }
}
