package org.nixproc.store.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.local.GcResult;

/**
 * Builders do not outlive what runs them: a builder dies with a JVM killed with -9, what it left
 * running is killed before its output is built again or collected, and nothing a builder started
 * writes into an output once it is registered; so {@code --verify --check-contents} finds every
 * valid path as it was registered.
 */
class BuilderDeathTest {
    @TempDir
    Path tmp;
    BuildFixture f;
    final List<Long> started = new ArrayList<>();

    @BeforeEach
    void open() {
        f = new BuildFixture(tmp);
    }

    @AfterEach
    void close() {
        // Whatever a failing test left running.
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        f.close();
    }

    /**
     * A builder that, on its first run (while the mark exists), writes its own PID and that of a
     * child it leaves in the background writing a file into the output each second, then waits;
     * on later runs it makes its output at once.
     */
    private String slowThenQuick() {
        Path mark = tmp.resolve("first-run");
        String script = "/bin/mkdir $out; if [ -e " + mark + " ]; then /bin/rm " + mark + ";"
                + " ( i=0; while [ $i -lt 60 ]; do echo $i > $out/f$i; i=$((i+1)); /bin/sleep 1; done ) >/dev/null 2>&1 &"
                + " echo $$ $! > " + tmp.resolve("pids.tmp") + "; /bin/mv " + tmp.resolve("pids.tmp") + " "
                + tmp.resolve("pids") + "; while :; do /bin/sleep 1; done;"
                + " else echo ok > $out/ok; fi";
        try {
            Files.writeString(mark, "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "mk \"outlives\" \"" + script + "\"";
    }

    /**
     * Starts nix-build of {@code expr} in a JVM of its own, waits until its builder runs and has
     * written into the output, and kills that JVM with SIGKILL. Gives the builder's PID and that of
     * the child it left in the background.
     */
    private long[] buildAndKillTheJvm(String expr) throws Exception {
        Path file = tmp.resolve("build.nix");
        Files.writeString(file, BuildFixture.PRELUDE + expr);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.nixproc.cli.Main", "nix-build", "--no-out-link",
                file.toString());
        pb.environment().put("NIX_STORE_DIR", f.storeDir);
        pb.environment().put("NIXPROC_STORE_STATE_DIR", f.stateDir.toString());
        pb.environment().put("TMPDIR", f.buildRoot.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("jvm.log").toFile());
        Process jvm = pb.start();
        started.add(jvm.pid());
        Path pids = tmp.resolve("pids");
        String out = f.out(f.instantiate(expr));
        for (int i = 0; i < 600 && !(Files.exists(pids) && Files.exists(Path.of(out, "f1"))); i++) {
            assertTrue(jvm.isAlive(), () -> "the build ended: " + read(tmp.resolve("jvm.log")));
            Thread.sleep(50);
        }
        assertTrue(Files.exists(pids), () -> "the builder did not start: " + read(tmp.resolve("jvm.log")));
        String[] both = Files.readString(pids).trim().split(" ");
        long[] result = {Long.parseLong(both[0]), Long.parseLong(both[1])};
        started.add(result[0]);
        started.add(result[1]);
        jvm.destroyForcibly();
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        return result;
    }

    private static boolean gone(long pid, int seconds) throws InterruptedException {
        for (int i = 0; i <= seconds * 20; i++) {
            if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) || isZombie(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aBuilderDiesWithItsJvmAndWhatItLeftIsKilledBeforeTheRebuild() throws Exception {
        String expr = slowThenQuick();
        long[] pids = buildAndKillTheJvm(expr);
        assertTrue(gone(pids[0], 10), "the builder dies with the JVM that ran it");
        assertFalse(gone(pids[1], 1), "its background child is left to whoever reclaims the output");

        String drv = f.instantiate(expr);
        f.realiser().realise(List.of(drv));
        assertTrue(gone(pids[1], 0), "the rebuild killed the leftover builder's child first");
        Thread.sleep(1500);
        assertEquals(List.of(), f.store.verify(true));
        try (var files = Files.list(Path.of(f.out(drv)))) {
            assertEquals(List.of("ok"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void garbageCollectionKillsAndRemovesTheLeftoverOfAKilledBuild() throws Exception {
        String expr = slowThenQuick();
        long[] pids = buildAndKillTheJvm(expr);
        String out = f.out(f.instantiate(expr));
        assertTrue(Files.exists(Path.of(out)));

        assertEquals(List.of(out), f.store.collectGarbage(true).deleted().stream().filter(out::equals).toList(),
                "--print-dead lists the leftover");
        assertTrue(Files.exists(Path.of(out)));
        GcResult r = f.store.collectGarbage(false);
        assertTrue(r.deleted().contains(out), r.deleted().toString());
        assertTrue(gone(pids[1], 0), "its builder's child is killed");
        Thread.sleep(1500);
        assertFalse(Files.exists(Path.of(out)), "nothing writes there again");
        assertFalse(f.store.collectGarbage(false).deleted().contains(out));
    }

    @Test
    void whatABuilderLeavesRunningIsKilledWhenItExits() throws Exception {
        Path late = tmp.resolve("late");
        String drv = f.instantiate("mk \"leaves\" \"/bin/mkdir $out; echo ok > $out/ok;"
                + " ( /bin/sleep 2; echo late > " + late + "; echo late > $out/late ) >/dev/null 2>&1 &\"");
        f.realiser().realise(List.of(drv));
        Thread.sleep(3000);
        assertFalse(Files.exists(late), "the builder's background child was killed");
        assertEquals(List.of(), f.store.verify(true));
    }

    @Test
    void aBuilderThatCannotBeExecutedIsReportedAsNixDoes() {
        String drv = f.instantiate("derivation { name = \"nobuilder\"; system = builtins.currentSystem;"
                + " builder = \"/no/such/builder\"; }");
        BuildError e = org.junit.jupiter.api.Assertions.assertThrows(BuildError.class,
                () -> f.realiser().realise(List.of(drv)));
        assertTrue(e.getMessage().contains("> error: executing '/no/such/builder': No such file or directory"),
                e.getMessage());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
