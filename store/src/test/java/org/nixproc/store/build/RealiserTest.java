package org.nixproc.store.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.local.ValidPathInfo;

/** Realising derivations: order, references, failures, kills, validity and fixed outputs. */
class RealiserTest {
    @TempDir
    Path tmp;
    BuildFixture f;

    @BeforeEach
    void open() {
        f = new BuildFixture(tmp);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void chainOfThreeRegistersReferencesAndCanonicalises() throws IOException {
        String c = f.instantiate("let a = mk \"a\" \"echo a > $out\"; b = mk \"b\" \"echo ${a} > $out\";"
                + " in mk \"c\" \"/bin/mkdir $out; echo ${b} > $out/f; echo $out > $out/self\"");
        Map<String, SortedMap<String, String>> r = f.realiser().realise(List.of(c));
        String cOut = r.get(c).get("out");
        assertEquals(f.out(c), cOut);
        String bOut = Files.readString(Path.of(cOut, "f")).trim();
        String aOut = Files.readString(Path.of(bOut)).trim();
        assertTrue(f.store.isValid(aOut) && f.store.isValid(bOut) && f.store.isValid(cOut));
        assertEquals(Set.of(), f.store.queryReferences(aOut));
        assertEquals(Set.of(aOut), f.store.queryReferences(bOut));
        assertEquals(Set.of(bOut, cOut), f.store.queryReferences(cOut));
        ValidPathInfo info = f.store.queryPathInfo(cOut).orElseThrow();
        assertEquals(c, info.deriver());
        assertTrue(info.narHash().startsWith("sha256:"));
        assertEquals(1000, Files.getLastModifiedTime(Path.of(cOut, "f")).toMillis());
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(cOut, "f"))));
        String log = f.log();
        assertTrue(log.startsWith("these 3 derivations will be built:\n"), log);
        int ia = log.indexOf("building '" + f.store.queryPathInfo(aOut).orElseThrow().deriver() + "'...");
        int ib = log.indexOf("-b.drv'...");
        int ic = log.indexOf("building '" + c + "'...");
        assertTrue(ia > 0 && ia < ib && ib < ic, log);
        try (var dirs = Files.list(f.buildRoot)) {
            assertEquals(0, dirs.count(), "build directories are removed");
        }
    }

    @Test
    void validPathsAreNotBuiltAgain() {
        Path counter = tmp.resolve("counter");
        String d = f.instantiate("mk \"once\" \"echo x >> " + counter + "; echo > $out\"");
        f.realiser().realise(List.of(d));
        f.logBytes.reset();
        f.realiser().realise(List.of(d));
        assertEquals(1, BuildFixture.count(counter));
        assertEquals("", f.log());
    }

    @Test
    void failingBuilderLeavesNothingAndShowsTheLogTail() {
        String d = f.instantiate("mk \"fail\" \"echo partial > $out; for i in 1 2 3 4 5 6 7 8 9 10 11 12;"
                + " do echo line $i; done; echo err >&2; exit 3\"");
        String out = f.out(d);
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertEquals(100, e.status());
        assertEquals("builder for '" + d + "' failed with exit code 3;\n       last 10 log lines:\n"
                + "       > line 4\n       > line 5\n       > line 6\n       > line 7\n       > line 8\n"
                + "       > line 9\n       > line 10\n       > line 11\n       > line 12\n       > err", e.getMessage());
        assertFalse(f.store.isValid(out));
        assertFalse(Files.exists(Path.of(out), LinkOption.NOFOLLOW_LINKS));
        assertTrue(f.log().contains("building '" + d + "'...\nline 1\n"), f.log());
    }

    @Test
    void builderKilledHalfwayLeavesNothingAndARebuildSucceeds() throws IOException {
        Path mark = tmp.resolve("mark");
        String d = f.instantiate("mk \"killed\" \"if [ -e " + mark + " ]; then echo ok > $out; else : > " + mark
                + "; echo half > $out; echo dying; kill -9 $$; fi\"");
        String out = f.out(d);
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertEquals("builder for '" + d + "' failed due to signal 9 (Killed);\n       last 1 log lines:\n"
                + "       > dying", e.getMessage());
        assertEquals(100, e.status());
        assertFalse(f.store.isValid(out));
        assertFalse(Files.exists(Path.of(out), LinkOption.NOFOLLOW_LINKS));
        f.realiser().realise(List.of(d));
        assertTrue(f.store.isValid(out));
        assertEquals("ok\n", Files.readString(Path.of(out)));
    }

    @Test
    void leftoverOutputIsReplaced() throws IOException {
        String d = f.instantiate("mk \"left\" \"echo new > $out\"");
        Path out = Path.of(f.out(d));
        Files.createDirectories(out.getParent());
        // What a build killed halfway leaves: its output was claimed before the builder ran.
        f.store.deleteUnregistered(out.toString());
        Files.writeString(out, "stale");
        f.realiser().realise(List.of(d));
        assertEquals("new\n", Files.readString(out));
    }

    @Test
    void dependencyFailuresAreReportedAsNixDoes() {
        String c = f.instantiate("let fa = mk \"fa\" \"exit 1\"; fb = mk \"fb\" \"echo ${fa} > $out\";"
                + " in mk \"fc\" \"echo ${fb} > $out\"");
        String b = f.store.readDerivation(c).inputDrvs().firstKey();
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(c)));
        assertEquals("1 dependencies of derivation '" + c + "' failed to build", e.getMessage());
        assertEquals(100, e.status());
        assertTrue(f.log().contains("-fa.drv' failed with exit code 1\nerror: 1 dependencies of derivation '" + b
                + "' failed to build\n"), f.log());
    }

    @Test
    void severalRequestedFailuresListEveryUnbuiltOne() {
        String x = f.instantiate("mk \"fx\" \"exit 1\"");
        String y = f.instantiate("mk \"fy\" \"echo > $out\"");
        String z = f.instantiate("mk \"fz\" \"echo > $out\"");
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(x, y, z)));
        List<String> sorted = new java.util.ArrayList<>(List.of(x, y, z));
        java.util.Collections.sort(sorted);
        assertEquals("build of '" + String.join("', '", sorted) + "' failed", e.getMessage());
        assertTrue(f.log().contains("error: builder for '" + x + "' failed with exit code 1\n"), f.log());
        assertFalse(f.log().contains("building '" + y), "fx is built first (by name) and stops the rest");
    }

    @Test
    void pathsThatCannotBeHadFailTheRequestAfterTheBuilds() {
        String d = f.instantiate("mk \"fine\" \"echo > $out\"");
        String invalid = f.storeDir + "/" + "y".repeat(32) + "-invalid";
        BuildError e = assertThrows(BuildError.class,
                () -> f.realiser().realise(List.of(d), new java.util.TreeSet<>(Set.of(invalid))));
        assertEquals("build of '" + invalid + "' failed", e.getMessage());
        assertEquals(1, e.status());
        assertTrue(f.store.isValid(f.out(d)), "what can be built is built");
        assertEquals("this derivation will be built:\n  " + d + "\ndon't know how to build these paths:\n  " + invalid
                + "\nbuilding '" + d + "'...\n", f.log());
    }

    @Test
    void aMissingDerivationFailsTheRequestBeforeAnyBuild() {
        String d = f.instantiate("mk \"unbuilt\" \"echo > $out\"");
        String missing = f.storeDir + "/" + "m".repeat(32) + "-missing.drv";
        BuildError e = assertThrows(BuildError.class,
                () -> f.realiser().realise(List.of(d), new java.util.TreeSet<>(Set.of(missing))));
        assertEquals("build of '" + String.join("', '", new java.util.TreeSet<>(Set.of(missing, d))) + "' failed",
                e.getMessage());
        assertEquals(1, e.status());
        assertFalse(f.store.isValid(f.out(d)));
        assertTrue(f.log().endsWith("error: cannot build missing derivation '" + missing + "'\n"), f.log());
        BuildError alone = assertThrows(BuildError.class,
                () -> f.realiser().realise(List.of(), new java.util.TreeSet<>(Set.of(missing))));
        assertEquals("cannot build missing derivation '" + missing + "'", alone.getMessage());
    }

    @Test
    void missingOutputFails() {
        String d = f.instantiate("derivation { name = \"two\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " outputs = [ \"out\" \"dev\" ]; args = [ \"-c\" \"echo > $out\" ]; }");
        String dev = f.store.readDerivation(d).outputs().get("dev").path();
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertEquals("builder for '" + d + "' failed to produce output path for output 'dev' at '" + dev + "'",
                e.getMessage());
        assertEquals(1, e.status());
        assertFalse(Files.exists(Path.of(f.out(d))));
    }

    @Test
    void outputsMayNotReferToEachOtherInACycle() {
        String d = f.instantiate("derivation { name = \"cyc\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " outputs = [ \"out\" \"dev\" ]; args = [ \"-c\" \"echo $dev > $out; echo $out > $dev\" ]; }");
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertEquals("cycle detected in build of '" + d + "' in the references of output 'dev' from output 'out'",
                e.getMessage());
    }

    @Test
    void fixedOutputHashIsChecked() {
        String good = f.instantiate("derivation { name = \"fod\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " args = [ \"-c\" \"echo hi > $out\" ]; outputHashAlgo = \"sha256\";"
                + " outputHash = \"sha256-mOpuTyFvL7S2n/+bOkSELDhobKaF8/VdxIxdP7EQe+Q=\"; }");
        f.realiser().realise(List.of(good));
        assertTrue(f.store.isValid(f.out(good)));
        String bad = f.instantiate("derivation { name = \"fodr\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " args = [ \"-c\" \"echo hi > $out\" ]; outputHashAlgo = \"sha256\"; outputHashMode = \"recursive\";"
                + " outputHash = \"sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"; }");
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(bad)));
        assertEquals(102, e.status());
        assertEquals("hash mismatch in fixed-output derivation '" + bad + "':\n"
                + "         specified: sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
                + "            got:    sha256-EFUdrtf6Rn0LWIJufrmg8q99aT3jGfLvd1//zaJEufY=", e.getMessage());
        assertFalse(Files.exists(Path.of(f.out(bad))));
    }

    @Test
    void otherPlatformsAreRefused() {
        String d = f.instantiate("derivation { name = \"p\"; system = \"mips-plan9\"; builder = \"/bin/sh\"; }");
        BuildError e = assertThrows(BuildError.class, () -> f.realiser().realise(List.of(d)));
        assertTrue(e.getMessage().startsWith("a 'mips-plan9' with features {} is required to build '" + d
                + "', but I am a '"), e.getMessage());
        assertEquals(1, e.status());
    }

    @Test
    void scheduleFollowsNixsWorker() {
        // a <- b <- c, and m, y independent: Nix 2.8 builds a, m, b, y, c.
        String a = "/s/00000000000000000000000000000000-a.drv";
        String b = "/s/11111111111111111111111111111111-b.drv";
        String c = "/s/22222222222222222222222222222222-c.drv";
        String m = "/s/33333333333333333333333333333333-m.drv";
        String y = "/s/44444444444444444444444444444444-y.drv";
        Map<String, Set<String>> inputs = Map.of(a, Set.of(), b, Set.of(a), c, Set.of(b), m, Set.of(), y, Set.of());
        assertEquals(List.of(a, m, b, y, c), Realiser.schedule(List.of(m, a, b, c, y), inputs));
    }

    @Test
    void environmentIsNixs() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/env")));
        String d = f.instantiate("derivation { name = \"env\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " args = [ \"-c\" \"/usr/bin/env > $out\" ]; foo = \"bar\"; passAsFile = [ \"big\" ]; big = \"B\"; }");
        f.realiser().realise(List.of(d));
        Map<String, String> env = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(Path.of(f.out(d)))) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        String top = env.get("NIX_BUILD_TOP");
        assertTrue(top.startsWith(f.buildRoot + "/nix-build-env.drv-"), top);
        assertEquals(Set.of("HOME", "NIX_BUILD_CORES", "NIX_BUILD_TOP", "NIX_LOG_FD", "NIX_STORE", "PATH", "PWD",
                "TEMP", "TEMPDIR", "TERM", "TMP", "TMPDIR", "bigPath", "builder", "foo", "name", "out", "passAsFile",
                "system"), env.keySet());
        assertEquals("/homeless-shelter", env.get("HOME"));
        assertEquals("/path-not-set", env.get("PATH"));
        assertEquals(f.storeDir, env.get("NIX_STORE"));
        assertEquals("2", env.get("NIX_LOG_FD"));
        assertEquals("xterm-256color", env.get("TERM"));
        assertEquals(top + "/.attr-1lak0mvllw8rv9i9ygkglvhqsq19qi9ynl4bi7gbf69ab5nzw89a", env.get("bigPath"));
        for (String v : List.of("TMPDIR", "TEMPDIR", "TMP", "TEMP", "PWD")) {
            assertEquals(top, env.get(v));
        }
    }

    // A builder that marks itself started and waits (at most 30 s) for OTHER's mark.
    private String waitsFor(String name, String other, String then) {
        Path marks = tmp.resolve("marks");
        return f.instantiate("mk \"" + name + "\" ''\n: > " + marks + "/" + name + "; i=0\n"
                + "while [ ! -e " + marks + "/" + other + " ] && [ $i -lt 600 ]; do /bin/sleep 0.05; i=$((i+1)); done\n"
                + "[ -e " + marks + "/" + other + " ] && " + then + "\n''");
    }

    @Test
    void withMaxJobsIndependentBuildsRunAtOnce() throws IOException {
        Files.createDirectories(tmp.resolve("marks"));
        String a = waitsFor("pa", "pb", "echo > $out");
        String b = waitsFor("pb", "pa", "echo > $out");
        new Realiser(f.store, f.log, f.settings().withMaxJobs(2)).realise(List.of(a, b));
        assertTrue(f.store.isValid(f.out(a)) && f.store.isValid(f.out(b)), "each could only finish beside the other");
        assertTrue(f.log().indexOf("building '" + a) < f.log().indexOf("building '" + b), "started in Nix's order");
    }

    @Test
    void aFailureLetsTheBuildsRunningBesideItFinish() throws IOException {
        Files.createDirectories(tmp.resolve("marks"));
        String x = waitsFor("px", "py", "exit 1");
        String y = waitsFor("py", "px", "echo > $out");
        Realiser r = new Realiser(f.store, f.log, f.settings().withMaxJobs(2));
        BuildError e = assertThrows(BuildError.class, () -> r.realise(List.of(x, y)));
        assertEquals("builder for '" + x + "' failed with exit code 1", e.getMessage());
        assertFalse(Files.exists(Path.of(f.out(x))), "nothing of the failed build remains");
        assertTrue(f.store.isValid(f.out(y)), "the build running beside it finished");
    }
}
