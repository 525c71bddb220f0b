package org.nixproc.processmgmt.disnix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.print.StringEscapes;

/**
 * Builds a deployment on the coordinator: nix-build (in this JVM) of
 * {@code <nixproc/disnix/manifest.nix>} with the three models, which builds every service for its
 * targets, the target profiles and the manifest; gives the manifest's store path.
 */
final class ManifestBuild {
    /** nix-build failed; its message is what it printed. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private ManifestBuild() {
    }

    static Path build(Map<String, String> env, Path cwd, Path services, Path infrastructure, Path distribution,
            String extraParams, boolean showTrace) throws Failure, InterruptedException {
        String expr = "import <nixproc/disnix/manifest.nix> {\n"
                + "  servicesFile = " + quote(services) + ";\n"
                + "  infrastructureFile = " + quote(infrastructure) + ";\n"
                + "  distributionFile = " + quote(distribution) + ";\n"
                + "  extraParams = (" + (extraParams == null ? "{ }" : extraParams) + "\n);\n"
                + "}";
        List<String> args = new java.util.ArrayList<>(List.of("-E", expr, "--no-out-link"));
        if (showTrace) {
            args.add("--show-trace");
        }
        CapturedRun r = CapturedRun.run("nix-build", env, cwd.toString(), args.toArray(String[]::new)).decoded();
        if (r.status() != 0) {
            throw new Failure(r.err().strip());
        }
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 1) {
            throw new Failure("nix-build printed " + lines.size() + " paths, expected the manifest alone");
        }
        return Path.of(lines.get(0));
    }

    private static String quote(Path p) {
        return StringEscapes.quote(p.toAbsolutePath().normalize().toString());
    }
}
