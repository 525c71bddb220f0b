package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * What runs rcswitch and rcactivity inside a container whose image has no Java: a runtime made
 * with jlink from this JVM (self-contained, so it needs nothing of the image but glibc), cached
 * once per JVM, and nixproc's jar; both are mounted read-only.
 */
final class ContainerJava {
    /** The modules the jar needs (as jdeps reports them) and those the container-side commands load. */
    private static final List<String> MODULES = List.of("java.base", "java.sql", "java.logging", "java.naming",
            "java.management", "jdk.unsupported");

    private ContainerJava() {
    }

    /** A Java runtime for containers, made on first use under the user's cache directory. */
    static Path runtime(Map<String, String> env, PrintStream log) throws IOException, InterruptedException {
        Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
        String key = DigestUtils.sha256Hex(javaHome + "\n" + System.getProperty("java.vm.version") + "\n" + MODULES)
                .substring(0, 16);
        Path cache = cacheDir(env).resolve("container-jre-" + key);
        if (Files.isExecutable(cache.resolve("bin/java"))) {
            return cache;
        }
        Path jlink = javaHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink)) {
            throw new IOException("no jlink in " + javaHome + ": a JDK is needed to make the containers' Java runtime");
        }
        log.println("making the containers' Java runtime with jlink (once): " + cache);
        Files.createDirectories(cache.getParent());
        Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Process p = new ProcessBuilder(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug",
                "--no-man-pages", "--no-header-files", "--output", tmp.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("jlink failed: " + out.strip());
        }
        try {
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another run made it first.
            if (!Files.isExecutable(cache.resolve("bin/java"))) {
                throw e;
            }
        }
        return cache;
    }

    /**
     * nixproc's jar, runnable with {@code java -jar}: the one named by {@code -Dnixproc.jar}, the one
     * this class was loaded from if it is that jar, or the one the build writes at the repository's
     * root (for the project's own tests, which load this class from a module's classes).
     */
    static Path jar() throws IOException {
        String named = System.getProperty("nixproc.jar");
        if (named != null) {
            return Path.of(named);
        }
        CodeSource source = ContainerJava.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation().getPath().endsWith(".jar")) {
            try {
                Path loaded = Path.of(source.getLocation().toURI());
                if (runnable(loaded)) {
                    return loaded;
                }
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        String root = System.getProperty("nixproc.root");
        Path built = root == null ? null : Path.of(root, "target", "nixproc.jar");
        if (built == null || !runnable(built)) {
            throw new IOException("nixproc's jar was not found (build it with mvn package, or name it with -Dnixproc.jar=...)");
        }
        return built;
    }

    // The jar the build shades together names nixproc's main class; a module's own jar does not.
    private static boolean runnable(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            return m != null && "org.nixproc.cli.Main".equals(m.getMainAttributes().getValue("Main-Class"));
        }
    }

    private static Path cacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "nixproc");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "nixproc");
    }
}
