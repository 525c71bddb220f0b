package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nixproc.cli.CapturedRun;

/**
 * The golden Nix language corpus (tests/src/test/resources/golden/lang): each case's output,
 * produced by real Nix 2.8 (tests/golden/regenerate.sh), must be reproduced byte for byte.
 * Cases listed in known-failures.txt, each with a reason, are asserted to still differ, so the
 * list cannot go stale.
 */
class GoldenLangTest {
    private static final Path LANG = Commands.root().resolve("tests/src/test/resources/golden/lang");
    private static final Path KNOWN = Commands.root().resolve("tests/src/test/resources/golden/known-failures.txt");

    private static final Map<String, String> ENV = Map.of(
            "HOME", "/fake-home",
            "LC_ALL", "C",
            "TEST_VAR", "foo",
            "NIX_PATH", "dir3:dir4:nixpkgs=dir3/nixpkgs-fake",
            "NIX_REMOTE", "dummy://",
            "NIX_STORE_DIR", "/nix/store");

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        Map<String, String> known = knownFailures();
        List<Path> cases;
        try (Stream<Path> files = Files.list(LANG)) {
            cases = files.filter(p -> p.getFileName().toString().matches("(eval|parse)-.*\\.nix")).sorted().toList();
        }
        return cases.stream().map(p -> {
            String name = p.getFileName().toString().replaceFirst("\\.nix$", "");
            return DynamicTest.dynamicTest(name, () -> check(name, known.get(name)));
        });
    }

    private static void check(String name, String knownReason) throws IOException {
        boolean okay = name.startsWith("eval-okay-") || name.startsWith("eval-lazy-");
        List<String> args = new ArrayList<>(List.of("--eval"));
        if (!name.startsWith("eval-lazy-")) {
            args.add("--strict");
        }
        Path flags = LANG.resolve(name + ".flags");
        if (Files.exists(flags)) {
            args.addAll(ShellWords.split(Files.readString(flags).trim()));
        }
        args.add("./" + name + ".nix");
        CapturedRun r = Commands.run(LANG, ENV, "nix-instantiate", args.toArray(new String[0]));
        String expected = Files.readString(LANG.resolve(name + (okay ? ".exp" : ".err.exp")), StandardCharsets.ISO_8859_1);
        String actual = (okay ? r.out() : r.err()).replace(LANG.toRealPath().toString(), "/pwd");
        if (Files.readString(LANG.resolve(name + ".nix"), StandardCharsets.ISO_8859_1).indexOf('\t') >= 0) {
            // Nix expands a tab in a code line counting from the start of the whole message,
            // which holds the absolute path of the case: the width depends on where it lives.
            expected = expected.replaceAll("(?m)^( +\\d+\\|) +", "$1 ");
            actual = actual.replaceAll("(?m)^( +\\d+\\|) +", "$1 ");
        }
        boolean matches = r.status() == (okay ? 0 : 1) && expected.equals(actual);
        if (knownReason != null) {
            assertFalse(matches, name + " is listed in known-failures.txt (" + knownReason + ") but now passes");
            return;
        }
        assertEquals(expected, actual, name + " (exit " + r.status() + ", stderr: " + r.err() + ")");
        assertEquals(okay ? 0 : 1, r.status(), name + " exit status");
    }

    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> known = new HashMap<>();
        if (Files.exists(KNOWN)) {
            for (String line : Files.readAllLines(KNOWN)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                known.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return known;
    }
}
