package org.nixproc.store.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code builtin:fetchurl}, the builder of {@code <nix/fetchurl.nix>}: downloads the derivation's
 * {@code url} (http, https or file) into its output, executable when {@code executable} is set.
 * Such a derivation is fixed-output: the build checks the download against its hash before the
 * path becomes valid, and removes it if it does not match.
 */
public final class FetchurlBuilder implements JavaBuilder {
    @Override
    public String name() {
        return "fetchurl";
    }

    @Override
    public boolean usesBuildDir(Map<String, String> attributes) {
        return false;
    }

    @Override
    public void build(BuildContext context) throws Exception {
        Map<String, String> env = context.env();
        String url = env.getOrDefault("url", "");
        if (url.isEmpty()) {
            throw new IllegalArgumentException("attribute 'url' missing");
        }
        // Nix passes a true Boolean attribute as "1".
        if (env.getOrDefault("unpack", "").equals("1")) {
            throw new IllegalArgumentException("builtin:fetchurl: unpacking (unpack = true) is not supported");
        }
        Path out = context.output("out");
        Downloads.download(url, out);
        if (env.getOrDefault("executable", "").equals("1")) {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
    }
}
