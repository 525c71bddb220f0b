package org.nixproc.store.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replacing store path hash parts by others of the same length, as Nix does to build an output
 * under another path (a repair builds aside, then moves the result into place): in strings given
 * to the builder, and in a whole tree (file contents, symlink targets and names), so that the
 * result refers to the paths it will have.
 */
final class HashRewriting {
    private HashRewriting() {
    }

    /** {@code s} with each key of {@code rewrites} replaced by its value. */
    static String rewrite(String s, Map<String, String> rewrites) {
        for (Map.Entry<String, String> r : rewrites.entrySet()) {
            s = s.replace(r.getKey(), r.getValue());
        }
        return s;
    }

    /** Rewrites the tree at {@code root} in place (write bits are given where needed). */
    static void rewriteTree(Path root, Map<String, String> rewrites) {
        try {
            rewriteEntry(root, rewrites);
        } catch (IOException e) {
            throw new UncheckedIOException("rewriting '" + root + "'", e);
        }
    }

    private static void rewriteEntry(Path p, Map<String, String> rewrites) throws IOException {
        if (Files.isSymbolicLink(p)) {
            String target = Files.readSymbolicLink(p).toString();
            String now = rewrite(target, rewrites);
            if (!now.equals(target)) {
                Files.delete(p);
                Files.createSymbolicLink(p, Path.of(now));
            }
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            writable(p);
            List<Path> children = new ArrayList<>();
            try (Stream<Path> s = Files.list(p)) {
                s.forEach(children::add);
            }
            for (Path c : children) {
                rewriteEntry(c, rewrites);
                String name = c.getFileName().toString();
                String renamed = rewrite(name, rewrites);
                if (!renamed.equals(name)) {
                    Files.move(c, c.resolveSibling(renamed), LinkOption.NOFOLLOW_LINKS);
                }
            }
        } else {
            // Bytes as ISO-8859-1 chars, one each: hash parts are ASCII, everything else stays as it was.
            String contents = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            String now = rewrite(contents, rewrites);
            if (!now.equals(contents)) {
                writable(p);
                Files.write(p, now.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void writable(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.add(PosixFilePermission.OWNER_WRITE)) {
            Files.setPosixFilePermissions(p, perms);
        }
    }
}
