package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nixproc.cli.CapturedRun;

/**
 * Upstream nix-processmgmt's examples (../shared/upstream, unchanged) evaluated for every backend
 * against a pure-Nix stand-in {@code <nixpkgs>} (resources upstream-drv/): each process's .drv
 * path, and the backend's whole profile's, must be what real Nix 2.8 gave
 * (tests/golden/regenerate-upstream-drv.sh recorded them in upstream-drv/expected.txt), or the
 * same error.
 */
class UpstreamDrvTest {
    private static final Path UPSTREAM = Commands.root().resolve("../shared/upstream/nix-processmgmt").normalize();
    private static final Path DATA = Commands.root().resolve("tests/src/test/resources/upstream-drv");

    @TestFactory
    Stream<DynamicTest> drvPathsAsNix28() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(UPSTREAM.resolve("nixproc")),
                "upstream nix-processmgmt is not at " + UPSTREAM + " (it comes with shared/)");
        List<String> lines = Files.readAllLines(DATA.resolve("expected.txt"));
        return lines.stream().map(line -> {
            String[] f = line.split(" ", 4);
            return DynamicTest.dynamicTest(f[0] + " " + f[1] + " " + f[2], () -> check(f[0], f[1], f[2], f[3]));
        });
    }

    private static void check(String file, String backend, String attr, String expected) {
        Map<String, String> env = Map.of("HOME", "/fake-home", "NIX_PATH", "nixpkgs=" + DATA.resolve("nixpkgs"),
                "NIX_STORE_DIR", "/nix/store");
        CapturedRun r = Commands.run(DATA, env, "nix-instantiate", "--eval", DATA.resolve("drv-paths.nix").toString(),
                "--argstr", "upstream", UPSTREAM.toString(), "--argstr", "file", file, "--argstr", "backend", backend,
                "-A", attr.equals("env") ? "env.drvPath" : attr + ".pkg.drvPath");
        String actual = r.status() == 0 ? r.out().strip().replace("\"", "")
                : r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(r.err());
        assertEquals(expected, actual, file + " " + backend + " " + attr);
    }
}
