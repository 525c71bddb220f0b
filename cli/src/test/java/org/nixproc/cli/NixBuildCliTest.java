package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/nix-build end to end, in-process. */
class NixBuildCliTest {
    /** Nix code defining {@code mk NAME SCRIPT}, a /bin/sh derivation running SCRIPT, prepended to expressions. */
    static final String PRELUDE = "let mk = name: script: derivation { inherit name; system = builtins.currentSystem;"
            + " builder = \"/bin/sh\"; args = [ \"-c\" script ]; }; in ";

    @TempDir
    Path tmp;

    CapturedRun nixBuild(String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString());
        return CapturedRun.run("nix-build", env, tmp.resolve("work").toString(), args);
    }

    @Test
    void buildsLinksAndRegistersRoots() throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/default.nix"), PRELUDE
                + "let a = mk \"a\" \"echo a > $out\"; in { b = mk \"b\" \"echo ${a} > $out\";"
                + " m = derivation { name = \"m\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                + " outputs = [ \"out\" \"lib\" ]; args = [ \"-c\" \"echo > $out; echo > $lib\" ]; };"
                + " notRecursed = { x = mk \"x\" \"exit 1\"; }; s = \"ignored\"; }");
        CapturedRun r = nixBuild();
        assertEquals(0, r.status(), r.err());
        String[] paths = r.out().split("\n");
        assertEquals(2, paths.length, r.out());
        assertTrue(paths[0].endsWith("-b") && paths[1].endsWith("-m"), r.out());
        assertTrue(r.err().startsWith("these 3 derivations will be built:\n"), r.err());
        Path work = tmp.resolve("work");
        assertEquals(Path.of(paths[0]), Files.readSymbolicLink(work.resolve("result")));
        assertEquals(Path.of(paths[1]), Files.readSymbolicLink(work.resolve("result-2")));
        try (var roots = Files.list(tmp.resolve("state/gcroots/auto"))) {
            assertEquals(2, roots.count());
        }

        CapturedRun again = nixBuild("-A", "m.lib", "-o", "lnk");
        assertEquals(0, again.status(), again.err());
        assertEquals("", again.err());
        assertTrue(again.out().trim().endsWith("-m-lib"), again.out());
        assertTrue(Files.isSymbolicLink(work.resolve("lnk-lib")));
    }

    /** Store derivations given as files (FILE.drv, through links, with !OUTPUT) are built as they are, first. */
    @Test
    void buildsStoreDerivationsGivenAsFiles() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString());
        CapturedRun inst = CapturedRun.run("nix-instantiate", env, work.toString(), "-E",
                "derivation { name = \"m\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
                        + " outputs = [ \"out\" \"lib\" ]; args = [ \"-c\" \"echo > $out; echo > $lib\" ]; }");
        String drv = inst.out().trim();
        Files.createSymbolicLink(work.resolve("drvlink"), Path.of(drv));
        Files.writeString(work.resolve("default.nix"), PRELUDE + "mk \"z\" \"echo > $out\"");

        CapturedRun r = nixBuild("default.nix", "./drvlink", drv + "!lib");
        assertEquals(0, r.status(), r.err());
        String[] paths = r.out().split("\n");
        assertEquals(3, paths.length, r.out());
        assertTrue(paths[0].endsWith("-m") && paths[1].endsWith("-m-lib") && paths[2].endsWith("-z"), r.out());
        assertEquals(Path.of(paths[0]), Files.readSymbolicLink(work.resolve("result")));
        assertEquals(Path.of(paths[1]), Files.readSymbolicLink(work.resolve("result-lib")));
        assertEquals(Path.of(paths[2]), Files.readSymbolicLink(work.resolve("result-2")));

        CapturedRun none = nixBuild(drv + "!nope");
        assertEquals(1, none.status());
        assertEquals("error: derivation '" + drv + "' does not have output 'nope'\n", none.err());
        CapturedRun two = nixBuild(drv + "!out,lib");
        assertEquals("error: building more than one derivation output is not supported, in '" + drv + "!out,lib'\n",
                two.err());
    }

    @Test
    void failedBuildExitsWith100() throws Exception {
        CapturedRun r = nixBuild("--no-out-link", "-E", PRELUDE + "mk \"bad\" \"echo oops; exit 2\"");
        assertEquals(100, r.status());
        assertTrue(r.err().contains("building '"), r.err());
        assertTrue(r.err().contains("oops\nerror: builder for '"), r.err());
        assertTrue(r.err().endsWith("-bad.drv' failed with exit code 2;\n       last 1 log lines:\n       > oops\n"),
                r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(tmp.resolve("work/result")));
    }

    @Test
    void dryRunBuildsNothing() throws Exception {
        CapturedRun r = nixBuild("--dry-run", "-E", PRELUDE + "mk \"dry\" \"echo > $out\"");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith("this derivation will be built:\n  "), r.err());
        assertFalse(r.err().contains("building"));
        assertEquals("", r.out());
    }

    @Test
    void notADerivation() throws Exception {
        CapturedRun r = nixBuild("-E", "\"foo\"");
        assertEquals(1, r.status());
        assertEquals("error: expression does not evaluate to a derivation (or a set or list of those)\n", r.err());
    }

    @Test
    void functionsWithDefaultsAreCalled() throws Exception {
        CapturedRun r = nixBuild("--no-out-link", "-E", "{ n ? \"dflt\" }: " + PRELUDE + "mk n \"echo > $out\"");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().trim().endsWith("-dflt"), r.out());
    }

    @Test
    void maxJobsTakesACountOrAuto() throws Exception {
        CapturedRun r = nixBuild("--no-out-link", "-j", "auto", "-E", PRELUDE + "mk \"jobs\" \"echo > $out\"");
        assertEquals(0, r.status(), r.err());
        CapturedRun none = nixBuild("--no-out-link", "--max-jobs", "0", "-E", PRELUDE + "mk \"jobs\" \"echo > $out\"");
        assertEquals(1, none.status());
        assertTrue(none.err().startsWith("error: flag '--max-jobs' needs at least one build at once"), none.err());
    }

    /** A file argument {@code <prefix/file.nix>} is found through the search path, as Nix finds it. */
    @Test
    void fileArgumentThroughSearchPath() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib/sub"));
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(lib.resolve("pkg.nix"), PRELUDE + "mk \"searched\" \"echo > $out\"");
        CapturedRun r = nixBuild("--no-out-link", "-I", "here=" + tmp.resolve("lib"), "<here/sub/pkg.nix>");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().trim().endsWith("-searched"), r.out());
        CapturedRun missing = nixBuild("--no-out-link", "<here/sub/pkg.nix>");
        assertEquals(1, missing.status());
        assertEquals("error: file 'here/sub/pkg.nix' was not found in the Nix search path"
                + " (add it using $NIX_PATH or -I)\n", missing.err());
    }
}
