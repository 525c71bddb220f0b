package org.nixproc.processmgmt.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Override
    public void build(BuildContext context) throws Exception {
        Map<String, String> env = context.env();
        Path out = context.output("out");
        LinkTree.Collisions collisions = new LinkTree.Collisions("join".equals(env.get("mode")),
                !env.getOrDefault("ignoreCollisions", "").isEmpty(),
                !env.getOrDefault("checkCollisionContents", "1").isEmpty());
        List<String> toLink = words(env.getOrDefault("pathsToLink", "/"));
        if (toLink.isEmpty()) {
            toLink = List.of("/");
        }
        String prefix = env.getOrDefault("extraPrefix", "");
        Files.createDirectories(out);
        LinkTree tree = new LinkTree(out, collisions, context.log());
        for (String pkg : words(env.getOrDefault("paths", ""))) {
            for (String sub : toLink) {
                Path src = Path.of(pkg + (sub.equals("/") ? "" : sub));
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = Path.of(out + prefix + (sub.equals("/") ? "" : sub));
                if (Files.isDirectory(src)) {
                    tree.linkChildren(src, tree.directory(dst));
                } else if (dst.equals(out)) {
                    throw new java.nio.file.FileAlreadyExistsException(out.toString());
                } else {
                    tree.add(src, tree.directory(dst.getParent()), dst.getFileName().toString());
                }
            }
        }
        tree.write();
        String postBuild = env.getOrDefault("postBuild", "");
        if (!postBuild.isBlank()) {
            runPostBuild(context, env.getOrDefault("shell", "/bin/sh"), postBuild);
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
