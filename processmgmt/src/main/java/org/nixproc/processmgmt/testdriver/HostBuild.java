package org.nixproc.processmgmt.testdriver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.print.StringEscapes;

/**
 * Builds a test's profile on the host, with nix-build and nix-store run in this JVM over the
 * store the environment names, the way upstream's nixproc-build does: the processes expression is
 * handed to the backend's {@code <nixproc/backends/PM/build-PM-env.nix>} as {@code exprFile}
 * (null: the empty profile, to undeploy), with the profile's state directory and user-change
 * setting and the user's parameters.
 */
final class HostBuild {
    /** A command that failed: its exit status and what it printed on standard error. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final Map<String, String> env;
    private final String cwd;

    HostBuild(Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd.toAbsolutePath().toString();
    }

    /** The profile's store path ({@code processes} null: the empty profile). */
    Path profile(Path processes, TestPlan plan) throws Failure, InterruptedException {
        String out = run("nix-build", "-E", expression(processes, plan), "--no-out-link");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 1) {
            throw new Failure("nix-build printed " + lines.size() + " paths, expected the profile alone");
        }
        return Path.of(lines.get(0));
    }

    /** Every store path the given one needs, itself included. */
    List<Path> closure(Path storePath) throws Failure, InterruptedException {
        return run("nix-store", "--query", "--requisites", storePath.toString()).lines()
                .filter(l -> !l.isBlank()).map(Path::of).toList();
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

    private String run(String command, String... args) throws Failure, InterruptedException {
        CapturedRun r = CapturedRun.run(command, env, cwd, args);
        if (r.status() != 0) {
            throw new Failure(command + " failed (exit code " + r.status() + "):\n" + Bytes.toJava(r.err()).strip());
        }
        return Bytes.toJava(r.out());
    }
}
