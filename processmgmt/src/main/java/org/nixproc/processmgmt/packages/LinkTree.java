package org.nixproc.processmgmt.packages;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.store.FileNames;

/**
 * The tree of directories and symlinks {@link BuildEnvBuilder} makes of packages, planned in
 * memory and then written at once: a directory provided by one package only is a link to it; one
 * provided by several is a real directory holding links to their entries (with {@code join}, every
 * directory is real). Planned first, the output is never read back, no link is made only to be
 * unfolded again, and the links, most of a profile, are written several directories at a time: on
 * a file system whose file creations are slow, a thousand-package profile's links were most of
 * its build.
 */
final class LinkTree {
    /** What two packages providing the same file do. */
    record Collisions(boolean join, boolean ignore, boolean checkContents) {
    }

    /** A real directory of the output, by its path there. */
    static final class Dir {
        final Path path;
        final Map<String, Object> children = new LinkedHashMap<>();

        Dir(Path path) {
            this.path = path;
        }
    }

    /** A symlink of the output, and whether what it points at is a directory. */
    private record Link(Path target, boolean toDirectory) {
    }

    private final Dir root;
    private final Collisions collisions;
    private final PrintStream log;

    /** A plan for the output {@code out}, an existing directory. */
    LinkTree(Path out, Collisions collisions, PrintStream log) {
        this.root = new Dir(out);
        this.collisions = collisions;
        this.log = log;
    }

    /** The real directory at {@code dst} (in the output), planned with its parents as needed. */
    Dir directory(Path dst) throws IOException {
        Dir d = root;
        for (Path part : root.path.relativize(dst)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            String name = part.toString();
            Object n = d.children.get(name);
            if (n instanceof Link link && link.toDirectory()) {
                n = unfold(d, name, link);
            } else if (n == null) {
                n = new Dir(d.path.resolve(name));
                d.children.put(name, n);
            }
            if (!(n instanceof Dir next)) {
                throw new FileAlreadyExistsException(d.path.resolve(name).toString());
            }
            d = next;
        }
        return d;
    }

    /** Puts the entries of the package directory {@code srcDir} into {@code dir}. */
    void linkChildren(Path srcDir, Dir dir) throws IOException {
        List<Path> children = new ArrayList<>(FileNames.list(srcDir));
        Collections.sort(children);
        for (Path child : children) {
            add(child, dir, child.getFileName().toString());
        }
    }

    /** Puts {@code src} (a file or directory of some package) into {@code dir} as {@code name}. */
    void add(Path src, Dir dir, String name) throws IOException {
        boolean srcDir = Files.isDirectory(src);
        Object existing = dir.children.get(name);
        if (existing == null) {
            if (srcDir && collisions.join()) {
                Dir d = new Dir(dir.path.resolve(name));
                dir.children.put(name, d);
                linkChildren(src, d);
            } else {
                dir.children.put(name, new Link(src, srcDir));
            }
            return;
        }
        if (srcDir && existing instanceof Link link && link.toDirectory()) {
            if (!link.target().equals(src)) { // else the same package listed twice
                linkChildren(src, unfold(dir, name, link));
            }
        } else if (srcDir && existing instanceof Dir d) {
            linkChildren(src, d);
        } else {
            collision(src, existing instanceof Link link ? link.target() : dir.path.resolve(name));
        }
    }

    // A directory so far provided by one package only becomes a real directory of links to its entries.
    private Dir unfold(Dir dir, String name, Link link) throws IOException {
        Dir d = new Dir(dir.path.resolve(name));
        dir.children.put(name, d);
        linkChildren(link.target(), d);
        return d;
    }

    private void collision(Path src, Path existing) throws IOException {
        if (collisions.join() || existing.equals(src)) {
            return;
        }
        if (collisions.checkContents() && Files.isRegularFile(existing) && Files.isRegularFile(src)
                && Arrays.equals(Files.readAllBytes(existing), Files.readAllBytes(src))) {
            return;
        }
        if (collisions.ignore()) {
            log.println("warning: collision between `" + existing + "' and `" + src + "'; keeping the first");
            return;
        }
        throw new IOException("collision between `" + existing + "' and `" + src + "'");
    }

    /**
     * Writes the plan: the directories, parents first, then the links, the directories' links in
     * parallel (the links of one directory wait on its lock anyway).
     */
    void write() throws IOException {
        List<Dir> dirs = new ArrayList<>();
        collect(root, dirs);
        for (Dir d : dirs) {
            if (d != root) {
                Files.createDirectory(d.path);
            }
        }
        try {
            dirs.parallelStream().forEach(d -> d.children.forEach((name, n) -> {
                if (n instanceof Link link) {
                    try {
                        Files.createSymbolicLink(d.path.resolve(name), link.target());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void collect(Dir d, List<Dir> out) {
        out.add(d);
        for (Object n : d.children.values()) {
            if (n instanceof Dir sub) {
                collect(sub, out);
            }
        }
    }
}
