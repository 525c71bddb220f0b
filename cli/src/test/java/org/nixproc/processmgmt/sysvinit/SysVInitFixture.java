package org.nixproc.processmgmt.sysvinit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.eval.EvalOptions;

/**
 * Builds Nix expressions in-process against a store under a temporary directory, and runs the
 * generated init scripts. {@code <nixproc>} and {@code <nixpkgs>} are the shipped trees (found from
 * the repository, when the property is not set).
 */
final class SysVInitFixture {
    record Run(int status, String out, String err) {
    }

    final Path tmp;

    SysVInitFixture(Path tmp) throws IOException {
        this.tmp = tmp;
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, moduleDir().resolve("nix").toString());
        }
        Files.createDirectories(tmp.resolve("work"));
    }

    /** The processmgmt module's directory (Maven's nixproc.root names the repository's). */
    static Path moduleDir() {
        return Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize().resolve("processmgmt");
    }

    Path store() {
        return tmp.resolve("store");
    }

    Run nix(String command, String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", store().toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString(), "PATH",
                "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        CapturedRun r = CapturedRun.run(command, env, tmp.resolve("work").toString(), args).decoded();
        return new Run(r.status(), r.out(), r.err());
    }

    /** Writes {@code text} to FILE in the work directory and builds its attribute {@code attr}. */
    Path buildFile(String file, String text, String attr) throws Exception {
        Path f = tmp.resolve("work").resolve(file);
        Files.writeString(f, text);
        Run r = attr == null ? nix("nix-build", "--no-out-link", f.toString())
                : nix("nix-build", "--no-out-link", f.toString(), "-A", attr);
        if (r.status() != 0) {
            throw new AssertionError("nix-build failed (" + r.status() + "):\n" + r.err());
        }
        String[] lines = r.out().strip().split("\n");
        return Path.of(lines[lines.length - 1]);
    }

    /** The error of evaluating {@code expr}, or fails if it evaluates. */
    String evalError(String expr) throws InterruptedException {
        Run r = nix("nix-instantiate", "--eval", "--strict", "-E", expr);
        if (r.status() == 0) {
            throw new AssertionError("evaluated: " + r.out());
        }
        return r.err();
    }

    /** Runs a program (an init script), with a timeout, as the current user. */
    Run exec(Map<String, String> extraEnv, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(tmp.toFile());
        Map<String, String> env = new HashMap<>(pb.environment());
        env.put("TERM", "dumb");
        env.putAll(extraEnv);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path outFile = Files.createTempFile(tmp, "out", ".txt");
        Path errFile = Files.createTempFile(tmp, "err", ".txt");
        // Files, not pipes: a daemonized child may keep inherited descriptors open.
        pb.redirectOutput(outFile.toFile());
        pb.redirectError(errFile.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
    }

    /** The header of a composition: createSystemVInitScript from the shipped files, with stand-ins. */
    String prelude(String stateDir, boolean forceDisableUserChange) {
        return "let\n"
                + "  stateDir = \"" + stateDir + "\";\n"
                + "  runtimeDir = \"${stateDir}/run\";\n"
                + "  logDir = \"${stateDir}/log\";\n"
                + "  tmpDir = \"${stateDir}/tmp\";\n"
                + "  forceDisableUserChange = " + forceDisableUserChange + ";\n"
                + "  createSystemVInitScript = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {\n"
                + "    inherit runtimeDir logDir tmpDir forceDisableUserChange;\n"
                + "    createCredentials = import <nixproc/create-credentials> { inherit forceDisableUserChange; };\n"
                + "    initFunctions = import <nixproc/backends/sysvinit/init-functions.nix> { inherit runtimeDir; };\n"
                + "  };\n"
                + "in\n";
    }
}
