package org.nixproc.store.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nixproc.store.NarRestore;
import org.nixproc.store.StorePath;
import org.nixproc.store.StoreException;

/**
 * Reads {@code nix-store --export}'s format (see {@link ExportFormat}) into the store, as
 * {@code nix-store --import} does: each path is unpacked under a temporary name, canonicalised,
 * renamed into place under its lock and registered with the references and deriver the stream
 * gives (paths already valid are read and left as they are). The paths are registered together
 * at the end; an import that fails removes what it put in place, leaving the store as it was.
 */
public final class PathImport {
    private PathImport() {
    }

    /** Imports every path of the stream; gives them in the stream's order. */
    public static List<String> importPaths(LocalStore store, InputStream in) throws IOException {
        List<ValidPathInfo> fresh = new ArrayList<>();
        Set<String> imported = new LinkedHashSet<>();
        List<PathLocks.Lock> locks = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        boolean registered = false;
        try {
            while (true) {
                long n = ExportFormat.readNumber(in);
                if (n == 0) {
                    break;
                }
                if (n != 1) {
                    throw new IOException("input doesn't look like something created by 'nix-store --export'");
                }
                Path tmp = Path.of(store.storeDir(), LocalStore.TEMP_PREFIX + "import-" + java.util.UUID.randomUUID());
                try {
                    NarRestore.restore(in, tmp);
                    if (ExportFormat.readNumber(in) != ExportFormat.MAGIC) {
                        throw new IOException("Nix archive cannot be imported; wrong format");
                    }
                    String path = ExportFormat.readString(in);
                    StorePath.parseBaseName(path, store.storeDir());
                    Set<String> refs = new LinkedHashSet<>();
                    for (long i = ExportFormat.readNumber(in); i > 0; i--) {
                        refs.add(ExportFormat.readString(in));
                    }
                    String deriver = ExportFormat.readString(in);
                    if (ExportFormat.readNumber(in) == 1) {
                        ExportFormat.readString(in);
                    }
                    imported.add(path);
                    store.addTempRoot(path);
                    if (store.isValid(path)) {
                        continue;
                    }
                    locks.add(store.lockPaths(List.of(path)));
                    if (store.isValid(path)) {
                        continue;
                    }
                    ValidPathInfo info = StoreFiles.canonicalisedNarInfo(tmp, path, refs, deriver.isEmpty() ? null : deriver,
                            java.io.OutputStream.nullOutputStream());
                    Path dest = Path.of(path);
                    if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                        if (!store.pathInfoOf(path, refs, info.deriver()).narHash().equals(info.narHash())) {
                            throw new StoreException("path '" + path + "' is in the store but not valid, with other contents");
                        }
                    } else {
                        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                        moved.add(dest);
                    }
                    fresh.add(info);
                } finally {
                    StoreFiles.deleteTree(tmp);
                }
            }
            store.registerValidPaths(fresh);
            registered = true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            // A stream that breaks off leaves nothing behind: what it put in place goes, under its lock.
            if (!registered) {
                moved.forEach(StoreFiles::deleteTree);
            }
            locks.forEach(PathLocks.Lock::close);
        }
        return new ArrayList<>(imported);
    }
}
