package org.nixproc.processmgmt.sysvinit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nixproc.store.build.BuildContext;
import org.nixproc.store.build.JavaBuilder;

/**
 * {@code builtin:sysvinit-text}: writes the attribute {@code text} to the output file (executable
 * when {@code executable} is true), with no shell or stdenv needed; init-functions.nix uses it.
 */
public final class SysVInitTextBuilder implements JavaBuilder {
    @Override
    public String name() {
        return "sysvinit-text";
    }

    @Override
    public boolean usesBuildDir(Map<String, String> attributes) {
        return false;
    }

    @Override
    public void build(BuildContext ctx) throws Exception {
        Path out = ctx.output("out");
        Files.writeString(out, ctx.env().getOrDefault("text", ""), StandardCharsets.UTF_8);
        if ("1".equals(ctx.env().get("executable"))) {
            out.toFile().setExecutable(true, false);
        }
    }
}
