package org.nixproc.store.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.store.local.LocalStore;

/**
 * Two builders racing on the same closure, as threads and as processes: each derivation is built
 * exactly once (its builder appends to a counter outside the store), and both end with every
 * output valid.
 */
class RaceTest {
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

    private String closure() {
        String c = tmp.resolve("count-").toString();
        return "let a = mk \"ra\" \"echo a >> " + c + "a; /bin/sleep 0.3; echo a > $out\";"
                + " b = mk \"rb\" \"echo b >> " + c + "b; /bin/sleep 0.3; echo ${a} > $out\";"
                + " d = mk \"rd\" \"echo d >> " + c + "d; echo d > $out\";"
                + " in mk \"rc\" \"echo c >> " + c + "c; echo ${b} ${d} > $out\"";
    }

    private void assertBuiltOnce() {
        for (String n : List.of("a", "b", "c", "d")) {
            assertEquals(1, BuildFixture.count(tmp.resolve("count-" + n)), "builds of r" + n);
        }
    }

    @Test
    void twoThreads() throws Exception {
        String drv = f.instantiate(closure());
        CyclicBarrier start = new CyclicBarrier(2);
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try (LocalStore s = LocalStore.open(f.config())) {
                    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                    Realiser r = new Realiser(s, log, f.settings());
                    start.await();
                    r.realise(List.of(drv));
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertEquals(List.of(), errors);
        assertBuiltOnce();
        assertTrue(f.store.isValid(f.out(drv)));
    }

    @Test
    void twoProcesses() throws Exception {
        Path file = tmp.resolve("race.nix");
        Files.writeString(file, BuildFixture.PRELUDE + closure());
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.nixproc.cli.Main", "nix-build", "--no-out-link",
                    file.toString());
            pb.environment().put("NIX_STORE_DIR", f.storeDir);
            pb.environment().put("NIXPROC_STORE_STATE_DIR", f.stateDir.toString());
            pb.environment().put("TMPDIR", f.buildRoot.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(tmp.resolve("proc-" + i + ".log").toFile());
            pb.directory(tmp.toFile());
            procs.add(pb.start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(procs.get(i).waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, procs.get(i).exitValue(), read(tmp.resolve("proc-" + i + ".log")));
        }
        assertBuiltOnce();
        String c = f.instantiate(closure());
        assertTrue(f.store.isValid(f.out(c)));
        assertTrue(read(tmp.resolve("proc-0.log")).contains(f.out(c)));
        assertTrue(read(tmp.resolve("proc-1.log")).contains(f.out(c)));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }
}
