package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;

/**
 * Random and mutated Nix expressions must never crash the evaluator: each one ends, within a
 * bound, with exit status 0 or with 1 and an "error: " message, and never shows a Java stack
 * trace. Mutations start from the golden corpus; the seed is fixed so a failure can be replayed.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("nixproc.fuzz.seed", 20261125L);
    private static final int INPUTS = Integer.getInteger("nixproc.fuzz.inputs", 1500);
    private static final String[] TOKENS = {
        "{", "}", "(", ")", "[", "]", ";", ":", "=", ".", "?", "@", ",", "...", "let", "in", "rec", "with", "inherit",
        "if", "then", "else", "assert", "or", "+", "-", "*", "/", "//", "++", "==", "!=", "<", ">", "<=", ">=", "&&",
        "||", "->", "!", "x", "y", "a.b", "1", "0", "-1", "1.5", "\"s\"", "\"${", "''", "''i ${x} ''", "./p", "<nixpkgs>",
        "null", "true", "builtins", "map", "toString", "import", "throw \"t\"", "abort \"a\"", "x: x", "{ a ? 1, ... }: a",
        "builtins.head", "builtins.attrNames", "builtins.fromJSON", "builtins.match", "builtins.split",
        "builtins.substring", "builtins.genList", "builtins.foldl'", "builtins.toJSON", "builtins.tryEval",
        "builtins.sort", "builtins.replaceStrings", "${", "#c\n", "/* c */", "\n", " ", "\\", "\"", "'", "$",
    };

    @Test
    void randomAndMutatedInputsNeverCrash(@TempDir Path dir) throws IOException {
        Random random = new Random(SEED);
        List<String> seeds = seeds();
        for (int i = 0; i < INPUTS; i++) {
            String input = switch (i % 3) {
                case 0 -> randomTokens(random);
                default -> mutate(seeds.get(random.nextInt(seeds.size())), random);
            };
            check(dir, i, input);
        }
    }

    private static void check(Path dir, int i, String input) {
        CapturedRun r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Commands.run(dir, Map.of("HOME", "/fake-home"), "nix-instantiate", "--eval", "--strict", "-E",
                        input),
                () -> "input " + i + " did not finish: " + input);
        String about = "input " + i + " (seed " + SEED + "):\n" + input + "\nexit " + r.status() + "\n" + r.err();
        assertTrue(r.status() == 0 || r.status() == 1, about);
        if (r.status() == 1) {
            assertTrue(r.err().startsWith("error: "), about);
        }
        assertTrue(!r.err().contains("\tat org.") && !r.err().contains("Exception in thread")
                && !r.err().contains("java.lang."), about);
    }

    private static List<String> seeds() throws IOException {
        Path lang = Commands.root().resolve("tests/src/test/resources/golden/lang");
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(lang)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".nix")).sorted().toList()) {
                String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                // Reading devices or the whole file system is not what the fuzzer is for.
                if (!text.contains("readFile") && !text.contains("readDir") && !text.contains("import")) {
                    seeds.add(text);
                }
            }
        }
        return seeds;
    }

    private static String randomTokens(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(25);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return sb.toString();
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            int len = Math.min(sb.length() - at, 1 + random.nextInt(8));
            switch (random.nextInt(5)) {
                case 0 -> sb.delete(at, at + len);
                case 1 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> sb.insert(at, sb.substring(at, at + len));
                case 3 -> sb.setCharAt(at, (char) random.nextInt(128));
                default -> sb.replace(at, at + len, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return sb.toString();
    }
}
