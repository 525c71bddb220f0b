package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;

/**
 * bin/nix-store --realise and --gc --print-roots end to end, in-process; the expected output is
 * what Nix 2.8 printed for the same command lines.
 */
class NixStoreCliTest {
    static final String NO_ROOT_WARNING =
            "warning: you did not specify '--add-root'; the result might be removed by the garbage collector\n";

    @TempDir
    Path tmp;
    Path work;
    String storeDir;

    @BeforeEach
    void workDir() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
        storeDir = tmp.resolve("store").toString();
    }

    CapturedRun run(String command, String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", storeDir, "NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString(),
                "TMPDIR", tmp.toString(), "HOME", tmp.toString());
        return CapturedRun.run(command, env, work.toString(), args);
    }

    CapturedRun nixStore(String... args) throws InterruptedException {
        return run("nix-store", args);
    }

    /** The .drv path of {@code mk NAME SCRIPT}, or of another expression after the prelude. */
    String instantiate(String expr) throws InterruptedException {
        CapturedRun r = run("nix-instantiate", "-E", NixBuildCliTest.PRELUDE + expr);
        assertEquals(0, r.status(), r.err());
        return r.out().trim();
    }

    String outPath(String drv, String output) {
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("state")))) {
            return store.readDerivation(drv).outputs().get(output).path();
        }
    }

    boolean valid(String path) {
        try (LocalStore store = LocalStore.open(new StoreConfig(storeDir, tmp.resolve("state")))) {
            return store.isValid(path);
        }
    }

    static final String MULTI = "derivation { name = \"m\"; system = builtins.currentSystem; builder = \"/bin/sh\";"
            + " outputs = [ \"out\" \"lib\" \"dev\" ]; args = [ \"-c\" \"echo > $out; echo > $lib; echo > $dev\" ]; }";

    @Test
    void realisesADerivationAndPrintsItsOutput() throws Exception {
        String x = instantiate("mk \"x\" \"echo > $out\"");
        String out = outPath(x, "out");
        CapturedRun r = nixStore("-r", x);
        assertEquals(0, r.status(), r.err());
        assertEquals(out + "\n", r.out());
        assertEquals("this derivation will be built:\n  " + x + "\nbuilding '" + x + "'...\n" + NO_ROOT_WARNING, r.err());
        assertTrue(valid(out));

        CapturedRun again = nixStore("--realise", x);
        assertEquals(out + "\n", again.out());
        assertEquals(NO_ROOT_WARNING, again.err());
        assertEquals("", nixStore("-r", x, "--no-gc-warning").err());
    }

    @Test
    void addRootMakesNumberedRootsAndPrintsThem() throws Exception {
        String m = instantiate(MULTI);
        String x = instantiate("mk \"x\" \"echo > $out\"");
        CapturedRun r = nixStore("-r", m, x, "--add-root", "r", "--indirect");
        assertEquals(0, r.status(), r.err());
        // Per path, in order: a derivation's roots sorted as Nix sorts a set of paths.
        assertEquals(work + "/r\n" + work + "/r-dev\n" + work + "/r-lib\n" + work + "/r-2\n", r.out());
        assertFalse(r.err().contains("warning"), r.err());
        assertEquals(Path.of(outPath(m, "out")), Files.readSymbolicLink(work.resolve("r")));
        assertEquals(Path.of(outPath(m, "lib")), Files.readSymbolicLink(work.resolve("r-lib")));
        assertEquals(Path.of(outPath(m, "dev")), Files.readSymbolicLink(work.resolve("r-dev")));
        assertEquals(Path.of(outPath(x, "out")), Files.readSymbolicLink(work.resolve("r-2")));

        // Any path counts, whether a derivation or not; the link is absolute and normalised.
        CapturedRun q = nixStore("-r", outPath(x, "out"), x, "--add-root", "sub/../q");
        assertEquals(work + "/q\n" + work + "/q-2\n", q.out());
        assertEquals("", q.err());
    }

    @Test
    void aValidPathIsItsOwnResult() throws Exception {
        String x = instantiate("mk \"x\" \"echo > $out\"");
        nixStore("-r", x, "--add-root", "r");
        String out = outPath(x, "out");
        for (String arg : new String[] {out, out + "/sub", "./r"}) {
            CapturedRun r = nixStore("-r", arg);
            assertEquals(0, r.status(), r.err());
            assertEquals(out + "\n", r.out());
            assertEquals(NO_ROOT_WARNING, r.err());
        }
    }

    @Test
    void anInvalidPathCannotBeBuilt() throws Exception {
        String y = storeDir + "/xysx1gmwxb6b6mid52j2ia58r78s8faw-y";
        CapturedRun r = nixStore("-r", y);
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals("don't know how to build these paths:\n  " + y + "\nerror: build of '" + y + "' failed\n", r.err());

        String gone = storeDir + "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-gone.drv";
        CapturedRun missing = nixStore("-r", gone);
        assertEquals(1, missing.status());
        assertEquals("don't know how to build these paths:\n  " + gone + "\nerror: cannot build missing derivation '"
                + gone + "'\n", missing.err());
    }

    @Test
    void aFailingBuilderLeavesNothing() throws Exception {
        String bad = instantiate("mk \"bad\" \"echo oops; exit 2\"");
        CapturedRun r = nixStore("-r", bad, "--add-root", "bb");
        assertEquals(100, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("this derivation will be built:\n  " + bad + "\nbuilding '" + bad
                + "'...\noops\nerror: builder for '" + bad + "' failed with exit code 2"), r.err());
        assertFalse(Files.exists(work.resolve("bb"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        String out = outPath(bad, "out");
        assertFalse(valid(out));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void dryRunSaysWhatWouldBeBuilt() throws Exception {
        String c = instantiate("let a = mk \"a\" \"echo > $out\"; in mk \"c\" \"echo ${a} > $out\"");
        String a = run("nix-store", "-q", "--references", c).out().lines()
                .filter(p -> p.endsWith("-a.drv")).findFirst().orElseThrow();
        String y = storeDir + "/xysx1gmwxb6b6mid52j2ia58r78s8faw-y";
        CapturedRun r = nixStore("-r", "--dry-run", c, y);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("these 2 derivations will be built:\n  " + a + "\n  " + c
                + "\ndon't know how to build these paths:\n  " + y + "\n", r.err());
        assertFalse(valid(outPath(c, "out")));
    }

    @Test
    void printRootsListsResultLinksAndAddedRoots() throws Exception {
        String expr = "mk \"x\" \"echo > $out\"";
        String x = instantiate(expr);
        String out = outPath(x, "out");
        assertEquals(0, run("nix-build", "-E", NixBuildCliTest.PRELUDE + expr).status());
        assertEquals(0, nixStore("-r", x, "--add-root", "r").status());
        Path state = tmp.resolve("state");
        Files.createSymbolicLink(state.resolve("gcroots/invalid"), Path.of(storeDir, "a".repeat(32) + "-invalid"));
        CapturedRun r = nixStore("--gc", "--print-roots");
        assertEquals(0, r.status(), r.err());
        assertEquals(work + "/r -> " + out + "\n" + work + "/result -> " + out + "\n", r.out());
        assertEquals("skipping invalid root from '" + state.resolve("gcroots/invalid") + "' to '" + storeDir + "/"
                + "a".repeat(32) + "-invalid'\n", r.err());
        assertEquals(r.out(), nixStore("--gc", "--print-dead", "--print-roots").out(), "--print-roots wins");
    }
}
