package org.nixproc.processmgmt.packages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.eval.EvalOptions;

/** Runs nixproc commands in-process against a store under a temporary directory. */
final class NixRunner {
    private final Path tmp;

    NixRunner(Path tmp) throws Exception {
        this.tmp = tmp;
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            // Run outside Maven (an IDE): find the shipped trees from the working directory.
            Path nix = Path.of("nix").toAbsolutePath();
            if (!Files.isDirectory(nix.resolve("nixpkgs"))) {
                nix = Path.of("processmgmt/nix").toAbsolutePath();
            }
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, nix.toString());
        }
        Files.createDirectories(tmp.resolve("work"));
    }

    Path work() {
        return tmp.resolve("work");
    }

    CapturedRun run(String command, String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString(), "PATH",
                "/usr/bin:/bin");
        return CapturedRun.run(command, env, work().toString(), args).decoded();
    }

    /** The printed value of {@code nix-instantiate --eval --strict -E expr}, or the error. */
    String eval(String expr) throws InterruptedException {
        CapturedRun r = run("nix-instantiate", "--eval", "--strict", "-E", expr);
        return r.status() == 0 ? r.out().strip() : "ERROR(" + r.status() + "): " + r.err();
    }

    /** Builds {@code expr} (no out link) and returns the output path. */
    Path build(String expr) throws InterruptedException {
        CapturedRun r = run("nix-build", "--no-out-link", "-E", expr);
        if (r.status() != 0) {
            throw new AssertionError("nix-build failed (" + r.status() + "):\n" + r.err());
        }
        String[] lines = r.out().strip().split("\n");
        return Path.of(lines[lines.length - 1]);
    }
}
