package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The upstream Nix language suite (../shared/nix-lang-tests), run by its own runner against
 * bin/nix-instantiate, over the cases Nix 2.8 passes. Every case must pass except those listed
 * in upstream-known-failures.txt with a reason; those are asserted to still fail, and none of
 * them may be of class core. Cases about the suite's symbolic links count only where the copy
 * of the suite lost them.
 */
class UpstreamLangSuiteTest {
    private static final Path SUITE = Commands.root().resolve("../shared/nix-lang-tests").normalize();
    private static final Path KNOWN = Commands.root().resolve("tests/src/test/resources/upstream-known-failures.txt");

    @Test
    void casesNix28PassesPassHereToo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SUITE.resolve("run")),
                "the upstream suite is not at " + SUITE + " (it comes with shared/)");
        Path bin = Commands.root().resolve("bin/nix-instantiate");
        ProcessBuilder pb = new ProcessBuilder("bash", SUITE.resolve("run").toString(), "--only-nix28-pass", "-j", "2");
        pb.environment().put("NIX_EVAL_CMD", bin + " --eval --strict");
        pb.environment().put("NIX_PARSE_CMD", bin + " --parse");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();

        Matcher summary = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$").matcher(output);
        assertTrue(summary.find(), "runner printed no summary:\n" + output);
        TreeSet<String> failed = new TreeSet<>();
        Matcher fail = Pattern.compile("(?m)^FAIL ([^:\\s]+)").matcher(output);
        while (fail.find()) {
            failed.add(fail.group(1));
        }
        Map<String, String> known = knownFailures();
        if (Files.isSymbolicLink(SUITE.resolve("cases/lang/readDir/ldir"))) {
            // This copy kept the suite's symbolic links, so the cases about them must pass.
            known.values().removeIf(reason -> reason.startsWith("[needs-symlinks]"));
        }
        List<String> problems = new ArrayList<>();
        for (String name : failed) {
            if (!known.containsKey(name)) {
                problems.add("fails but is not a known failure: " + name);
            }
        }
        for (String name : known.keySet()) {
            if (!failed.contains(name)) {
                problems.add("passes now; remove it from upstream-known-failures.txt: " + name);
            }
        }
        for (String name : known.keySet()) {
            if (classOf(name).equals("core")) {
                problems.add("a core case may not be a known failure: " + name);
            }
        }
        assertEquals(List.of(), problems, "runner output:\n" + output);
    }

    private static String classOf(String name) throws IOException {
        for (String line : Files.readAllLines(SUITE.resolve("manifest.tsv"))) {
            String[] cols = line.split("\t");
            if (cols[0].equals(name)) {
                return cols[2];
            }
        }
        return "?";
    }

    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> known = new TreeMap<>();
        for (String line : Files.readAllLines(KNOWN)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\s+", 2);
                known.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return known;
    }
}
