package org.nixproc.store.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;

/**
 * Recovery after the store database is lost (a state directory of its own stands for an empty
 * database over the same store directory): an existing output is refused, naming --repair; with
 * --repair it is rebuilt aside and adopted when the rebuild is the same, replaced otherwise.
 */
class RepairTest {
    @TempDir
    Path tmp;
    BuildFixture f;
    LocalStore lost;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    @BeforeEach
    void open() {
        f = new BuildFixture(tmp);
        lost = LocalStore.open(lostConfig());
    }

    @AfterEach
    void close() {
        lost.close();
        f.close();
    }

    private StoreConfig lostConfig() {
        return new StoreConfig(f.storeDir, tmp.resolve("state-after-loss"));
    }

    private Realiser afterLoss(boolean repair) {
        return new Realiser(lost, new PrintStream(logBytes, true, StandardCharsets.UTF_8), f.settings().withRepair(repair));
    }

    private static final String DEP = "dep = mk \"dep\" \"echo dep > $out\";";

    private static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void anOutputWhoseRebuildIsTheSameIsAdoptedAsItIs() throws IOException {
        String expr = "let " + DEP + " in mk \"top\" \"/bin/mkdir $out; echo ${dep} > $out/dep; echo $out > $out/self;"
                + " /bin/ln -s $out/self $out/link\"";
        String drv = f.instantiate(expr);
        f.realiser().realise(List.of(drv));
        String out = f.out(drv);
        Object before = inode(Path.of(out, "self"));

        assertEquals(drv, f.instantiate(lost, expr));
        BuildError refused = assertThrows(BuildError.class, () -> afterLoss(false).realise(List.of(drv)));
        // The first output refused is the dependency's; the request fails with it.
        String said = logBytes.toString(StandardCharsets.UTF_8) + refused.getMessage();
        assertTrue(said.contains("was not made by nixproc") && said.contains("--repair"), said);
        assertTrue(Files.exists(Path.of(out, "self")), "refused, the output is left as it was");

        afterLoss(true).realise(List.of(drv));
        String log = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("adopted '" + out + "'"), log);
        assertEquals(before, inode(Path.of(out, "self")), "the same files, not a copy");
        assertTrue(lost.isValid(out));
        String dep = lost.readDerivation(drv).inputDrvs().keySet().stream().map(d -> f.out(d)).findFirst().orElseThrow();
        assertEquals(java.util.Set.of(out, dep), lost.queryReferences(out));
        assertEquals(List.of(), lost.verify(true));
        assertEquals(1, entriesNamed("-top"), "nothing is left aside");
    }

    @Test
    void anOutputWhoseRebuildDiffersIsReplacedThroughTheCommandLine() throws Exception {
        Path counter = tmp.resolve("counter");
        String expr = "mk \"varies\" \"echo x >> " + counter + "; /bin/mkdir $out; /bin/cat " + counter
                + " > $out/n; echo $out > $out/self\"";
        String drv = f.instantiate(expr);
        f.realiser().realise(List.of(drv));
        String out = f.out(drv);

        Map<String, String> env = Map.of("NIX_STORE_DIR", f.storeDir, "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state-after-loss").toString(), "TMPDIR", f.buildRoot.toString(), "HOME", tmp.toString());
        f.instantiate(lost, expr);
        CapturedRun r = CapturedRun.run("nix-store", env, tmp.toString(), "--realise", "--repair", drv).decoded();
        assertEquals(0, r.status(), r.err());
        assertEquals(out + "\n", r.out());
        assertTrue(r.err().contains("replaced '" + out + "' with its rebuild"), r.err());
        assertEquals("x\nx\n", Files.readString(Path.of(out, "n")));
        assertEquals(out + "\n", Files.readString(Path.of(out, "self")), "rewritten back to its own path");
        assertTrue(lost.isValid(out));
        assertEquals(java.util.Set.of(out), lost.queryReferences(out));
        assertEquals(List.of(), lost.verify(true));
        assertEquals(1, entriesNamed("-varies"), "nothing is left aside");

        CapturedRun again = CapturedRun.run("nix-store", env, tmp.toString(), "--realise", "--repair", drv).decoded();
        assertEquals(0, again.status(), again.err());
        assertEquals("x\nx\n", Files.readString(Path.of(out, "n")), "a valid output is not built again");
    }

    @Test
    void verifyRepairRebuildsModifiedAndVanishedPathsFromTheirDerivers() throws Exception {
        String drv = f.instantiate("let dep = mk \"vdep\" \"echo dep > $out\"; in"
                + " mk \"vtop\" \"/bin/mkdir $out; echo ${dep} > $out/dep; echo $out > $out/self\"");
        f.realiser().realise(List.of(drv));
        String top = f.out(drv);
        String dep = f.out(f.store.readDerivation(drv).inputDrvs().keySet().iterator().next());
        Path self = Path.of(top, "self");
        Files.setPosixFilePermissions(self, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(self, "tampered\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(Path.of(dep));
        String note = f.store.addTextToStore("note", "hi", java.util.Set.of());
        Files.setPosixFilePermissions(Path.of(note), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(Path.of(note), "changed");

        Map<String, String> env = Map.of("NIX_STORE_DIR", f.storeDir, "NIXPROC_STORE_STATE_DIR", f.stateDir.toString(),
                "TMPDIR", f.buildRoot.toString(), "HOME", tmp.toString());
        CapturedRun before = CapturedRun.run("nix-store", env, tmp.toString(), "--verify", "--check-contents").decoded();
        assertEquals(1, before.status(), before.err());
        assertTrue(before.err().contains("path '" + top + "' was modified!"), before.err());
        assertTrue(before.err().contains("path '" + dep + "' disappeared, but it still has valid referrers!"),
                before.err());

        CapturedRun repair = CapturedRun.run("nix-store", env, tmp.toString(), "--verify", "--check-contents",
                "--repair").decoded();
        assertEquals(1, repair.status(), repair.err());
        assertTrue(repair.err().contains("error: cannot repair path '" + note + "'"), repair.err());
        assertTrue(repair.err().contains("repairing the outputs of '" + drv + "'"), repair.err());
        assertTrue(repair.err().contains("rebuilt '" + dep + "', which was gone"), repair.err());
        assertEquals(top + "\n", Files.readString(self));
        assertEquals("dep\n", Files.readString(Path.of(dep)));

        CapturedRun after = CapturedRun.run("nix-store", env, tmp.toString(), "--verify", "--check-contents").decoded();
        List<String> left = after.err().lines().filter(l -> l.startsWith("path")).toList();
        assertEquals(1, left.size(), after.err());
        assertTrue(left.get(0).startsWith("path '" + note + "' was modified!"), after.err());
    }

    private long entriesNamed(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(f.storeDir))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
