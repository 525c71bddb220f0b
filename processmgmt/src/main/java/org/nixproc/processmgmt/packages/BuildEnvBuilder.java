package org.nixproc.processmgmt.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.store.FileNames;
import org.nixproc.store.build.BuildContext;
import org.nixproc.store.build.JavaBuilder;

/**
 * {@code builtin:buildenv}: the union of the store paths in {@code paths} as a tree of symlinks,
 * for {@code buildEnv} and {@code symlinkJoin}.
 *
 * <p>In the default mode (buildEnv) a directory that only one package provides is linked as a
 * whole; when a second package provides it too, the link is replaced by a real directory holding
 * links to both packages' entries. Only the subtrees named in {@code pathsToLink} are linked, under
 * {@code extraPrefix}. Two different files at the same place are a collision, an error unless
 * {@code ignoreCollisions} is set (then the first package wins) or, with
 * {@code checkCollisionContents}, their contents are equal. In {@code mode = "join"} (symlinkJoin,
 * like {@code lndir}) directories are always real and a collision silently keeps the first file.
 *
 * <p>A non-empty {@code postBuild} is run afterwards with {@code shell -c}, in the build's
 * environment and directory.
 */
public final class BuildEnvBuilder implements JavaBuilder {
    @Override
    public String name() {
        return "buildenv";
    }

    /** Only postBuild runs in the build directory. */
    @Override
    public boolean usesBuildDir(Map<String, String> attributes) {
        return !attributes.getOrDefault("postBuild", "").isBlank();
    }

    private record Settings(boolean join, boolean ignoreCollisions, boolean checkContents) {
    }

    @Override
    public void build(BuildContext context) throws Exception {
        Map<String, String> env = context.env();
        Path out = context.output("out");
        Settings s = new Settings("join".equals(env.get("mode")), !env.getOrDefault("ignoreCollisions", "").isEmpty(),
                !env.getOrDefault("checkCollisionContents", "1").isEmpty());
        List<String> toLink = words(env.getOrDefault("pathsToLink", "/"));
        if (toLink.isEmpty()) {
            toLink = List.of("/");
        }
        String prefix = env.getOrDefault("extraPrefix", "");
        Files.createDirectories(out);
        Linker linker = new Linker(s, context);
        for (String pkg : words(env.getOrDefault("paths", ""))) {
            for (String sub : toLink) {
                Path src = Path.of(pkg + (sub.equals("/") ? "" : sub));
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = Path.of(out + prefix + (sub.equals("/") ? "" : sub));
                if (Files.isDirectory(src)) {
                    linker.createDirectories(out, dst);
                    linker.linkChildren(src, dst);
                } else {
                    linker.createDirectories(out, dst.getParent());
                    linker.add(src, dst);
                }
            }
        }
        String postBuild = env.getOrDefault("postBuild", "");
        if (!postBuild.isBlank()) {
            runPostBuild(context, env.getOrDefault("shell", "/bin/sh"), postBuild);
        }
    }

    /**
     * Links packages' trees into one output, remembering what it made there, so that the output
     * is never read back: a profile of a thousand packages would otherwise stat its own
     * directories and links again for every package.
     */
    private static final class Linker {
        /** A real directory made in the output. */
        private static final Object DIRECTORY = new Object();

        /** A symlink made in the output, and whether what it points at is a directory. */
        private record Link(Path target, boolean toDirectory) {
        }

        private final Settings s;
        private final BuildContext c;
        /** Each path made in the output: {@link #DIRECTORY} or a {@link Link}. */
        private final Map<Path, Object> made = new HashMap<>();

        Linker(Settings s, BuildContext c) {
            this.s = s;
            this.c = c;
        }

        // Files.createDirectories, whose directories (up from the output) are then known to be real.
        void createDirectories(Path out, Path dir) throws IOException {
            Files.createDirectories(dir);
            for (Path p = dir; p != null && p.startsWith(out) && !p.equals(out); p = p.getParent()) {
                made.put(p, DIRECTORY);
            }
        }

        void linkChildren(Path srcDir, Path dstDir) throws IOException {
            List<Path> children = new ArrayList<>(FileNames.list(srcDir));
            Collections.sort(children);
            for (Path child : children) {
                add(child, dstDir.resolve(child.getFileName().toString()));
            }
        }

        /** Puts {@code src} (a file or directory of some package) at {@code dst}. */
        void add(Path src, Path dst) throws IOException {
            boolean srcDir = Files.isDirectory(src);
            Object existing = made.get(dst);
            if (existing == null) {
                if (srcDir && s.join()) {
                    Files.createDirectory(dst);
                    made.put(dst, DIRECTORY);
                    linkChildren(src, dst);
                } else {
                    Files.createSymbolicLink(dst, src);
                    made.put(dst, new Link(src, srcDir));
                }
                return;
            }
            if (srcDir && existing instanceof Link link && link.toDirectory()) {
                if (link.target().equals(src)) {
                    return; // the same package listed twice
                }
                // A directory so far provided by one package only: unfold it into a real directory.
                Files.delete(dst);
                Files.createDirectory(dst);
                made.put(dst, DIRECTORY);
                linkChildren(link.target(), dst);
                linkChildren(src, dst);
            } else if (srcDir && existing == DIRECTORY) {
                linkChildren(src, dst);
            } else {
                collision(src, dst, existing instanceof Link link ? link.target() : dst);
            }
        }

        private void collision(Path src, Path dst, Path existing) throws IOException {
            if (s.join() || existing.equals(src)) {
                return;
            }
            if (s.checkContents() && Files.isRegularFile(existing) && Files.isRegularFile(src)
                    && Arrays.equals(Files.readAllBytes(existing), Files.readAllBytes(src))) {
                return;
            }
            if (s.ignoreCollisions()) {
                c.log().println("warning: collision between `" + existing + "' and `" + src + "'; keeping the first");
                return;
            }
            throw new IOException("collision between `" + existing + "' and `" + src + "'");
        }
    }

    private static void runPostBuild(BuildContext c, String shell, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", script).directory(c.buildDir().toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(c.env());
        Process p = pb.start();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(c.log());
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("postBuild failed with exit code " + rc);
        }
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.split("[ \t\n]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
