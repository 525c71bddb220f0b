package org.nixproc.processmgmt.packages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nixproc.store.build.BuildContext;
import org.nixproc.store.build.JavaBuilder;

/**
 * {@code builtin:hostpkg}: makes a host package's output, a tree of symlinks to the host's
 * executables. The derivation's {@code links} attribute has one line per link,
 * {@code RELATIVE-PATH ABSOLUTE-TARGET} (e.g. {@code bin/nginx /usr/sbin/nginx}); the targets were
 * resolved during evaluation, so they are part of the derivation's hash.
 */
public final class HostPackageBuilder implements JavaBuilder {
    @Override
    public String name() {
        return "hostpkg";
    }

    @Override
    public boolean usesBuildDir(Map<String, String> attributes) {
        return false;
    }

    @Override
    public void build(BuildContext context) throws Exception {
        Path out = context.output("out");
        Files.createDirectories(out);
        for (String line : context.env().getOrDefault("links", "").split("\n")) {
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = line.indexOf(' ');
            if (sp <= 0) {
                throw new IllegalArgumentException("malformed link line '" + line + "'");
            }
            Path link = out.resolve(line.substring(0, sp)).normalize();
            if (!link.startsWith(out)) {
                throw new IllegalArgumentException("link '" + line.substring(0, sp) + "' leaves the output");
            }
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(line.substring(sp + 1).strip()));
        }
    }
}
