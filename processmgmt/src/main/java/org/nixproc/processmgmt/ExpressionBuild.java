package org.nixproc.processmgmt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.store.build.BuildSettings;
import org.nixproc.store.build.BuildingStore;

/**
 * Builds an expression that gives one derivation (a profile, a Disnix manifest) over the store
 * the environment names, as {@code nix-build --no-out-link -E} would, in this JVM; a failure
 * carries what the builders logged and the error as nix-build prints it.
 */
public final class ExpressionBuild {
    /** A build that failed, with what the evaluation or the builders said. */
    public static final class Failure extends Exception {
        public Failure(String message) {
            super(message);
        }
    }

    private ExpressionBuild() {
    }

    /** The output path of the one derivation {@code expr} gives ({@code what} names it in errors). */
    public static Path build(Map<String, String> env, Path cwd, String expr, String what, boolean showTrace)
            throws Failure {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.ISO_8859_1);
        try (BuildingStore store = BuildingStore.open(env, log, BuildSettings.fromEnvironment(env))) {
            List<String> outs = store.build(env, cwd.toAbsolutePath().toString(), expr, showTrace);
            if (outs.size() != 1) {
                throw new Failure("the " + what + " expression gave " + outs.size() + " derivations, expected one");
            }
            return Path.of(outs.get(0));
        } catch (NixError e) {
            throw failure(what, logBytes, ErrorPrinter.format(e, showTrace));
        } catch (FormatException e) {
            throw failure(what, logBytes, "error: " + e.getMessage());
        }
    }

    private static Failure failure(String what, ByteArrayOutputStream log, String error) {
        String before = Bytes.toJava(log.toString(StandardCharsets.ISO_8859_1)).strip();
        return new Failure("building the " + what + " failed:\n" + (before.isEmpty() ? "" : before + "\n")
                + Bytes.toJava(error).strip());
    }
}
