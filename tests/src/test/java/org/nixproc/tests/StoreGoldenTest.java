package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nixproc.cli.CapturedRun;

/**
 * The store golden corpus (tests/src/test/resources/golden/store): `nix-instantiate NAME.nix`
 * must print the .drv paths real Nix 2.8 printed and write .drv files with the same bytes, for
 * the whole closure (tests/golden/regenerate-store.sh). The store directory is part of every
 * hash, so both use the fixed directory /tmp/nixproc-golden-store.
 */
class StoreGoldenTest {
    private static final Path CASES = Commands.root().resolve("tests/src/test/resources/golden/store");
    private static final Path STORE = Path.of("/tmp/nixproc-golden-store");
    private static Path state;

    @BeforeAll
    static void freshStore() throws IOException {
        deleteTree(STORE);
        state = Files.createTempDirectory("nixproc-golden-state");
    }

    @AfterAll
    static void removeStore() throws IOException {
        deleteTree(STORE);
        deleteTree(state);
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(CASES)) {
            cases = files.filter(p -> p.toString().endsWith(".exp")).sorted().toList();
        }
        return cases.stream().map(exp -> {
            String name = exp.getFileName().toString().replaceFirst("\\.exp$", "");
            return DynamicTest.dynamicTest(name, () -> check(name, exp));
        });
    }

    private static void check(String name, Path exp) throws IOException {
        Map<String, String> env = Map.of("HOME", "/fake-home", "NIX_PATH", "", "NIX_STORE_DIR", STORE.toString(),
                "NIXPROC_STORE_STATE_DIR", state.toString());
        CapturedRun r = Commands.run(CASES, env, "nix-instantiate", "./" + name + ".nix");
        assertEquals(0, r.status(), r.err());
        StringBuilder actual = new StringBuilder(r.out());
        List<String> drvs = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            drvs.add(line.replaceFirst("!.*", ""));
        }
        List<String> args = new ArrayList<>(List.of("-qR"));
        args.addAll(drvs);
        CapturedRun closure = Commands.run(CASES, env, "nix-store", args.toArray(new String[0]));
        assertEquals(0, closure.status(), closure.err());
        for (String p : closure.out().lines().sorted().toList()) {
            actual.append("=== ").append(p).append('\n');
            if (p.endsWith(".drv")) {
                actual.append(Files.readString(Path.of(p), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        assertEquals(Files.readString(exp, StandardCharsets.ISO_8859_1), actual.toString(), name);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                // Store paths are read-only; their directories must be writable to empty them.
                p.toFile().setWritable(true);
                if (p.getParent() != null) {
                    p.getParent().toFile().setWritable(true);
                }
                Files.deleteIfExists(p);
            }
        }
    }
}
