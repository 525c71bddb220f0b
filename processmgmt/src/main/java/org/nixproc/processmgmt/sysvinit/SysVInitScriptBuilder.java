package org.nixproc.processmgmt.sysvinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nixproc.store.build.BuildContext;
import org.nixproc.store.build.JavaBuilder;

/**
 * {@code builtin:sysvinit-script}: writes the package of an init script, from the attributes
 * {@link SysVInitBuiltins} gives the derivation: {@code etc/rc.d/init.d/scriptName} (the text of
 * {@code script}), {@code etc/rc.d/rcN.d/S<startSequence>NAME} and {@code K<stopSequence>NAME}
 * links to it, the support files (credentials, readiness: {@code supportFiles}, see
 * {@link #encode}), or a {@code dysnomia-support} link into {@code credentialsSpec}, the
 * {@code .force-disable-user-change} marker the rc tools honour, and last runs {@code postInstall}
 * with /bin/sh in the build directory. Whatever the attributes say, nothing is written outside
 * the output: a name with {@code /} or {@code ..} that leads out of it fails the build.
 */
public final class SysVInitScriptBuilder implements JavaBuilder {
    @Override
    public String name() {
        return "sysvinit-script";
    }

    /** Only postInstall runs in the build directory. */
    @Override
    public boolean usesBuildDir(Map<String, String> attributes) {
        return !attributes.getOrDefault("postInstall", "").isBlank();
    }

    @Override
    public void build(BuildContext ctx) throws Exception {
        Map<String, String> env = ctx.env();
        Path out = ctx.output("out");
        Files.createDirectories(out);
        String name = env.getOrDefault("scriptName", "");
        if (!name.isEmpty()) {
            Path rc = out.resolve("etc/rc.d");
            Path script = inside(out, "etc/rc.d/init.d/" + name);
            if (name.contains("/")) {
                throw new IOException("invalid script name '" + name + "'");
            }
            Files.createDirectories(script.getParent());
            Files.writeString(script, env.getOrDefault("script", ""), StandardCharsets.UTF_8);
            script.toFile().setExecutable(true, false);
            links(rc, name, "S" + env.getOrDefault("startSequence", "00"), env.getOrDefault("startRunlevels", ""));
            links(rc, name, "K" + env.getOrDefault("stopSequence", "99"), env.getOrDefault("stopRunlevels", ""));
        }
        for (Map.Entry<String, String> f : decode(env.getOrDefault("supportFiles", "")).entrySet()) {
            Path file = inside(out, f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.ISO_8859_1);
        }
        String spec = env.getOrDefault("credentialsSpec", "");
        if (!spec.isEmpty() && Files.isDirectory(Path.of(spec, CredentialFiles.DIR))) {
            Files.createSymbolicLink(out.resolve(CredentialFiles.DIR), Path.of(spec, CredentialFiles.DIR));
        }
        if ("1".equals(env.get("forceDisableUserChange"))) {
            Files.writeString(out.resolve(".force-disable-user-change"), "");
        }
        String postInstall = env.getOrDefault("postInstall", "");
        if (!postInstall.isBlank()) {
            runPostInstall(ctx, postInstall);
        }
    }

    /**
     * Files for the builder as one attribute: {@code RELATIVE-PATH NEWLINE BASE64-CONTENT NEWLINE}
     * records (the contents are byte strings, one char per byte).
     */
    static String encode(Map<String, String> files) {
        StringBuilder enc = new StringBuilder();
        files.forEach((path, content) -> enc.append(path).append('\n')
                .append(Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.ISO_8859_1))).append('\n'));
        return enc.toString();
    }

    static Map<String, String> decode(String encoded) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        String[] lines = encoded.isEmpty() ? new String[0] : encoded.split("\n");
        if (lines.length % 2 != 0) {
            throw new IOException("malformed supportFiles");
        }
        for (int i = 0; i < lines.length; i += 2) {
            try {
                files.put(lines[i], new String(Base64.getDecoder().decode(lines[i + 1]), StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                throw new IOException("malformed supportFiles: " + e.getMessage());
            }
        }
        return files;
    }

    // `relative` resolved under `out`; refused when it is absolute, has `..` or an empty part.
    private static Path inside(Path out, String relative) throws IOException {
        for (String part : relative.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IOException("refusing to write '" + relative + "': not a path inside the output");
            }
        }
        Path p = out.resolve(relative).normalize();
        if (!p.startsWith(out) || p.equals(out)) {
            throw new IOException("refusing to write '" + relative + "': not a path inside the output");
        }
        return p;
    }

    private static void links(Path rc, String name, String prefix, String runlevels) throws IOException {
        for (String level : runlevels.trim().split("\\s+")) {
            if (level.isEmpty()) {
                continue;
            }
            if (!level.matches("[0-9]+|S") || !prefix.matches("[SK][0-9]+")) {
                throw new IOException("invalid runlevel '" + level + "' or sequence '" + prefix + "'");
            }
            Path dir = rc.resolve("rc" + level + ".d");
            Files.createDirectories(dir);
            Files.createSymbolicLink(dir.resolve(prefix + name), Path.of("../init.d", name));
        }
    }

    private static void runPostInstall(BuildContext ctx, String code) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", code);
        pb.directory(ctx.buildDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(ctx.env());
        if ("/path-not-set".equals(ctx.env().get("PATH")) && ctx.hostPath() != null) {
            pb.environment().put("PATH", ctx.hostPath());
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        p.getInputStream().transferTo(ctx.log());
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("postInstall timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("postInstall failed with exit code " + p.exitValue());
        }
    }
}
