package org.nixproc.processmgmt.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.eval.EvalOptions;

/**
 * Golden tests of what createSystemdService, createSupervisordProgram and createManagedProcess
 * generate: each attribute of {@code src/test/resources/managed/golden/goldens.nix} (the spec's
 * snippets, the agnostic example's profile for each backend, privileged and with
 * forceDisableUserChange, daemon and foreground variants, the JSON of processManager = null) is
 * built and its files compared with {@code NAME.txt} beside it. Regenerate with
 * {@code mvn -o test -pl cli -Dtest=ManagedGoldenTest -Dnixproc.managed.regenerate=true}.
 */
class ManagedGoldenTest {
    @TempDir
    static Path tmp;

    static Path goldenDir() {
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            Path root = Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize();
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, root.resolve("processmgmt/nix").toString());
        }
        return Path.of("src/test/resources/managed/golden").toAbsolutePath();
    }

    static CapturedRun nix(String command, String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString(), "PATH",
                "/usr/bin:/bin");
        return CapturedRun.run(command, env, tmp.toString(), args).decoded();
    }

    static Path build(String attr) throws InterruptedException {
        CapturedRun r = nix("nix-build", "--no-out-link", goldenDir().resolve("goldens.nix").toString(), "-A", attr);
        if (r.status() != 0) {
            throw new AssertionError("nix-build -A " + attr + " failed (" + r.status() + "):\n" + r.err());
        }
        String[] lines = r.out().strip().split("\n");
        return Path.of(lines[lines.length - 1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec-systemd", "spec-systemd-unprivileged", "spec-supervisord", "agnostic-sysvinit",
            "agnostic-sysvinit-unprivileged", "agnostic-systemd", "agnostic-systemd-unprivileged", "agnostic-supervisord",
            "agnostic-supervisord-unprivileged", "variants-sysvinit", "variants-systemd", "variants-systemd-unprivileged",
            "variants-supervisord", "variants-supervisord-unprivileged", "agnostic-json"})
    void outputMatchesGolden(String attr) throws Exception {
        String actual = dump(build(attr));
        Path expected = goldenDir().resolve(attr + ".txt");
        if (Boolean.getBoolean("nixproc.managed.regenerate")) {
            Files.writeString(expected, actual);
        }
        assertEquals(Files.readString(expected), actual, "output of " + attr);
    }

    @Test
    void badValuesAreRefusedWithTheirName() throws Exception {
        String create = "import <nixproc/backends/systemd/create-systemd-service.nix> { inherit (import <nixpkgs> {}) "
                + "writeTextFile stdenv lib; createCredentials = import <nixproc/create-credentials> {}; }";
        CapturedRun r = nix("nix-instantiate", "-E", "(" + create + ") { name = \"x\"; Service.ExecStart = \"a\\nb\"; }");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("the value of ExecStart in unit 'nix-process-x' contains a newline"), r.err());
        r = nix("nix-instantiate", "-E", "(" + create + ") { name = \"x\"; environment.\"A B\" = 1; }");
        assertTrue(r.err().contains("invalid environment variable name 'A B' in unit 'nix-process-x'"), r.err());
        r = nix("nix-instantiate", "-E", "(import <nixproc/create-managed-process/universal/create-managed-process-universal.nix>"
                + " { pkgs = import <nixpkgs> {}; runtimeDir = \"/r\"; logDir = \"/l\"; tmpDir = \"/t\"; processManager = \"launchd\"; })"
                + " { name = \"x\"; process = \"/bin/x\"; }");
        assertTrue(r.err().contains("createManagedProcess: unknown process manager 'launchd'"), r.err());
    }

    /**
     * Every file of the output by its path inside it, store paths as /nix/store/HASH-name; a link
     * shows where it points, and a file reached through several links is shown once.
     */
    static String dump(Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        dump(out, out, sb, new HashSet<>());
        return sb.toString().replaceAll(Pattern.quote(tmp.resolve("store").toString()) + "/[0-9a-z]{32}-",
                "/nix/store/HASH-");
    }

    private static void dump(Path root, Path dir, StringBuilder sb, Set<Path> seen) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        }
        for (Path e : entries) {
            String rel = root.relativize(e).toString();
            if (Files.isDirectory(e)) {
                if (Files.isSymbolicLink(e)) {
                    sb.append("== ").append(rel).append("/ -> ").append(Files.readSymbolicLink(e)).append('\n');
                }
                dump(root, e, sb, seen);
            } else if (Files.isSymbolicLink(e)) {
                Path target = e.toRealPath();
                sb.append("== ").append(rel).append(" -> ").append(target).append('\n');
                if (seen.add(target)) {
                    sb.append(Files.readString(target));
                }
            } else {
                sb.append("== ").append(rel).append('\n').append(Files.readString(e));
            }
        }
    }
}
