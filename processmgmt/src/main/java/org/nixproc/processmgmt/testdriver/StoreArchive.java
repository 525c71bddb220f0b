package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar archive of store paths, named relative to the store directory, to be unpacked in the same
 * store directory elsewhere: symbolic links stay links, modes and modification times are kept
 * (store files are read-only and dated 1970), owners become root.
 */
final class StoreArchive {
    private StoreArchive() {
    }

    static void write(Collection<Path> storePaths, OutputStream sink) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path storePath : storePaths) {
                Path storeDir = storePath.getParent();
                List<Path> tree;
                try (Stream<Path> walk = Files.walk(storePath)) {
                    tree = walk.sorted().toList();
                }
                for (Path p : tree) {
                    add(tar, p, storeDir.relativize(p).toString());
                }
            }
        }
    }

    private static void add(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        TarArchiveEntry e;
        boolean regular = false;
        if (Files.isSymbolicLink(p)) {
            e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            e = new TarArchiveEntry(name + "/");
        } else {
            e = new TarArchiveEntry(name);
            e.setSize(Files.size(p));
            regular = true;
        }
        e.setMode((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
        e.setModTime(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        e.setIds(0, 0);
        tar.putArchiveEntry(e);
        if (regular) {
            Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
    }
}
