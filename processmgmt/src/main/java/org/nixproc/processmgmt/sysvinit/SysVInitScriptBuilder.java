package org.nixproc.processmgmt.sysvinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nixproc.store.build.BuildContext;
import org.nixproc.store.build.JavaBuilder;

/**
 * {@code builtin:sysvinit-script}: writes the package of an init script, from the attributes
 * {@link SysVInitBuiltins} gives the derivation: {@code etc/rc.d/init.d/scriptName} (the text of
 * {@code script}), {@code etc/rc.d/rcN.d/S<startSequence>NAME} and {@code K<stopSequence>NAME}
 * links to it, {@code dysnomia-support/} (from {@code credentialFiles}, or a link into
 * {@code credentialsSpec}), the {@code .force-disable-user-change} marker the rc tools honour, and
 * last runs {@code postInstall} with /bin/sh in the build directory.
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
            Path initd = rc.resolve("init.d");
            Files.createDirectories(initd);
            Path script = initd.resolve(name);
            Files.writeString(script, env.getOrDefault("script", ""), StandardCharsets.UTF_8);
            script.toFile().setExecutable(true, false);
            links(rc, name, "S" + env.getOrDefault("startSequence", "00"), env.getOrDefault("startRunlevels", ""));
            links(rc, name, "K" + env.getOrDefault("stopSequence", "99"), env.getOrDefault("stopRunlevels", ""));
        }
        String files = env.getOrDefault("credentialFiles", "");
        if (!files.isEmpty()) {
            String[] lines = files.split("\n");
            for (int i = 0; i + 1 < lines.length; i += 2) {
                Path f = out.resolve("dysnomia-support").resolve(lines[i]);
                Files.createDirectories(f.getParent());
                Files.write(f, Base64.getDecoder().decode(lines[i + 1]));
            }
        }
        String spec = env.getOrDefault("credentialsSpec", "");
        if (!spec.isEmpty() && Files.isDirectory(Path.of(spec, "dysnomia-support"))) {
            Files.createSymbolicLink(out.resolve("dysnomia-support"), Path.of(spec, "dysnomia-support"));
        }
        if ("1".equals(env.get("forceDisableUserChange"))) {
            Files.writeString(out.resolve(".force-disable-user-change"), "");
        }
        String postInstall = env.getOrDefault("postInstall", "");
        if (!postInstall.isBlank()) {
            runPostInstall(ctx, postInstall);
        }
    }

    private static void links(Path rc, String name, String prefix, String runlevels) throws IOException {
        for (String level : runlevels.trim().split("\\s+")) {
            if (level.isEmpty()) {
                continue;
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
