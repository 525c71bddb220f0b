package org.nixproc.store.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nixproc.store.Nar;
import org.nixproc.store.StoreException;

/**
 * Writes valid store paths in {@code nix-store --export}'s format (see {@link ExportFormat}), each
 * after those of them it refers to, so that {@code nix-store --import} (or {@link PathImport})
 * can register them one by one.
 */
public final class PathExport {
    private PathExport() {
    }

    /** Exports {@code paths} (all valid) to {@code out}, which is flushed, not closed. */
    public static void export(LocalStore store, Collection<String> paths, OutputStream out) throws IOException {
        OutputStream o = new BufferedOutputStream(out, 65536);
        for (String p : referencesFirst(store, paths)) {
            ValidPathInfo info = store.queryPathInfo(p).orElseThrow(() -> new StoreException("path '" + p + "' is not valid"));
            ExportFormat.writeNumber(o, 1);
            Nar.dump(Path.of(p), o);
            ExportFormat.writeNumber(o, ExportFormat.MAGIC);
            ExportFormat.writeString(o, p);
            Set<String> refs = new TreeSet<>(info.references());
            ExportFormat.writeNumber(o, refs.size());
            for (String r : refs) {
                ExportFormat.writeString(o, r);
            }
            ExportFormat.writeString(o, info.deriver() == null ? "" : info.deriver());
            ExportFormat.writeNumber(o, 0);
        }
        ExportFormat.writeNumber(o, 0);
        o.flush();
    }

    /** The paths ordered so that each comes after the others among them it refers to. */
    static List<String> referencesFirst(LocalStore store, Collection<String> paths) {
        Set<String> wanted = new TreeSet<>(paths);
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String p : wanted) {
            visit(store, p, wanted, done, order);
        }
        return order;
    }

    private static void visit(LocalStore store, String p, Set<String> wanted, Set<String> done, List<String> order) {
        if (!done.add(p)) {
            return;
        }
        for (String r : new TreeSet<>(store.queryReferences(p))) {
            if (!r.equals(p) && wanted.contains(r)) {
                visit(store, r, wanted, done, order);
            }
        }
        order.add(p);
    }
}
