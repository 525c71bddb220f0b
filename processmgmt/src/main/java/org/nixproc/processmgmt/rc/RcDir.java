package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the start entries of an rc directory such as {@code ./result/etc/rc.d/rc3.d}, in start order. */
public final class RcDir {
    private RcDir() {
    }

    /**
     * The S entries of {@code dir} sorted by name (the sequence number gives the start order, as the
     * system's rc script does). Dangling or non-executable entries are an error: a profile that
     * names a script that is not there is broken, and starting half of it would hide that.
     */
    public static List<RcScript> startScripts(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("'" + dir + "' is not a directory");
        }
        List<RcScript> scripts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "S*")) {
            for (Path e : entries) {
                Path resolved;
                try {
                    resolved = e.toRealPath();
                } catch (IOException ex) {
                    throw new IllegalArgumentException("'" + e + "' points at nothing");
                }
                scripts.add(new RcScript(e.getFileName().toString(), e, resolved, packageRoot(resolved)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading '" + dir + "'", e);
        }
        scripts.sort(Comparator.comparing(RcScript::linkName));
        return scripts;
    }

    /** The package a script belongs to: the directory above {@code etc/rc.d/init.d}, else the script's directory. */
    static Path packageRoot(Path resolved) {
        Path dir = resolved.getParent();
        if (dir != null && dir.endsWith(Path.of("etc", "rc.d", "init.d")) && dir.getNameCount() > 3) {
            return dir.getParent().getParent().getParent();
        }
        return dir;
    }
}
