package org.nixproc.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Directory listings for walks over large trees: {@link java.io.File#list()} reads a directory in
 * about half the system calls of {@link Files#list} (no duplicated descriptor, no flag changes),
 * which shows when a build walks tens of thousands of directories.
 */
public final class FileNames {
    private FileNames() {
    }

    /** The entries of {@code dir}, in no particular order, as {@link Files#list} gives them. */
    public static List<Path> list(Path dir) throws IOException {
        // Names not valid in the file name encoding are kept byte for byte by NIO's paths only.
        String[] names = lossy(dir.toString()) ? null : dir.toFile().list();
        if (names == null) {
            return nioList(dir); // which also reports the real error (missing, not a directory, denied)
        }
        List<Path> entries = new ArrayList<>(names.length);
        for (String name : names) {
            if (lossy(name)) {
                return nioList(dir);
            }
            entries.add(dir.resolve(name));
        }
        return entries;
    }

    private static boolean lossy(String name) {
        return name.indexOf('\uFFFD') >= 0;
    }

    private static List<Path> nioList(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
