package org.nixproc.processmgmt.disnix;

import java.nio.file.Path;
import java.util.Map;
import org.nixproc.lang.print.StringEscapes;
import org.nixproc.processmgmt.ExpressionBuild;

/**
 * Builds a deployment on the coordinator, as nix-build would (in this JVM), of
 * {@code <nixproc/disnix/manifest.nix>} with the three models, which builds every service for its
 * targets, the target profiles and the manifest; gives the manifest's store path.
 */
public final class ManifestBuild {
    private ManifestBuild() {
    }

    public static Path build(Map<String, String> env, Path cwd, Path services, Path infrastructure, Path distribution,
            String extraParams, boolean showTrace) throws ExpressionBuild.Failure {
        String expr = "import <nixproc/disnix/manifest.nix> {\n"
                + "  servicesFile = " + quote(services) + ";\n"
                + "  infrastructureFile = " + quote(infrastructure) + ";\n"
                + "  distributionFile = " + quote(distribution) + ";\n"
                + "  extraParams = (" + (extraParams == null ? "{ }" : extraParams) + "\n);\n"
                + "}";
        return ExpressionBuild.build(env, cwd, expr, "manifest", showTrace);
    }

    private static String quote(Path p) {
        return StringEscapes.quote(p.toAbsolutePath().normalize().toString());
    }
}
