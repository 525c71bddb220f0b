package org.nixproc.processmgmt.testdriver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.lang.print.StringEscapes;
import org.nixproc.lang.toplevel.AutoArgs;
import org.nixproc.lang.toplevel.DerivationSearch;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;
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
    /** A build that failed, with what the evaluation or the builders said. */
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
    Path profile(Path processes, TestPlan plan) throws Failure {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.ISO_8859_1);
        try (BuildingStore ctx = BuildingStore.open(env, log, BuildSettings.fromEnvironment(env))) {
            String dir = Bytes.fromJava(cwd);
            EvalState st = new EvalState(ctx.evalOptions(env, dir));
            Value v = st.eval(st.parse(new Source(Source.STRING, Bytes.fromJava(expression(processes, plan)), false), dir));
            List<DerivationSearch.Found> found = DerivationSearch.find(st,
                    x -> AutoArgs.autoCall(st, x, new NixAttrs.Builder().build()), List.of(v));
            if (found.size() != 1) {
                throw new Failure("the profile expression gave " + found.size() + " derivations, expected one");
            }
            Set<String> drvs = new LinkedHashSet<>();
            found.forEach(d -> drvs.add(d.drvPath()));
            ctx.realiser().realise(drvs);
            return Path.of(found.get(0).outPath());
        } catch (NixError e) {
            throw failure(logBytes, ErrorPrinter.format(e, false));
        } catch (FormatException e) {
            throw failure(logBytes, "error: " + e.getMessage());
        }
    }

    private static Failure failure(ByteArrayOutputStream log, String error) {
        String before = Bytes.toJava(log.toString(StandardCharsets.ISO_8859_1)).strip();
        return new Failure("building the profile failed:\n" + (before.isEmpty() ? "" : before + "\n")
                + Bytes.toJava(error).strip());
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
