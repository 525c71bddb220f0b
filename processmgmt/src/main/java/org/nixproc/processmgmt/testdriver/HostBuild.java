package org.nixproc.processmgmt.testdriver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nixproc.lang.print.StringEscapes;
import org.nixproc.processmgmt.ExpressionBuild;
import org.nixproc.store.build.BuildSettings;
import org.nixproc.store.build.BuildingStore;

/**
 * Builds a test's profile on the host, over the store the environment names, the way upstream's
 * nixproc-build does: the processes expression is handed to the backend's
 * {@code <nixproc/backends/PM/build-PM-env.nix>} as {@code exprFile} (null: the empty profile, to
 * undeploy), with the profile's state directory and user-change setting and the user's
 * parameters, and the derivation it gives is built as nix-build builds it.
 */
final class HostBuild {
    private final Map<String, String> env;
    private final String cwd;

    HostBuild(Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd.toAbsolutePath().toString();
    }

    /** The profile's store path ({@code processes} null: the empty profile). */
    Path profile(Path processes, TestPlan plan) throws ExpressionBuild.Failure {
        return ExpressionBuild.build(env, Path.of(cwd), expression(processes, plan), "profile", false);
    }

    /** Every store path the given one needs, itself included. */
    List<Path> closure(Path storePath) {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1);
        try (BuildingStore ctx = BuildingStore.open(env, log, BuildSettings.fromEnvironment(env))) {
            return ctx.store().queryRequisites(Set.of(storePath.toString())).stream().sorted().map(Path::of).toList();
        }
    }

    static String expression(Path processes, TestPlan plan) {
        StringBuilder extra = new StringBuilder("{");
        plan.args().forEach((name, value) -> extra.append(' ').append(StringEscapes.quote(name))
                .append(" = (").append(value).append(");"));
        extra.append(" }");
        String pm = plan.processManager();
        return "import <nixproc/backends/" + pm + "/build-" + pm + "-env.nix> {\n"
                + "  exprFile = " + (processes == null ? "null"
                        : StringEscapes.quote(processes.toAbsolutePath().normalize().toString())) + ";\n"
                + "  stateDir = " + StringEscapes.quote(plan.profile().stateDir()) + ";\n"
                + "  forceDisableUserChange = " + plan.profile().forceDisableUserChange() + ";\n"
                + "  extraParams = " + extra + ";\n"
                + "}";
    }
}
