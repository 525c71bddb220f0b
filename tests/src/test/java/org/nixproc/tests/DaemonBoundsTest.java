package org.nixproc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One request of the resident JVM running out of memory does not take the others down: it
 * ends with Nix's "out of memory" while a trivial request from another client is answered,
 * and the daemon goes on serving and gives the memory back.
 */
@Timeout(900)
class DaemonBoundsTest {
    private static final Path ROOT = Commands.root();

    @TempDir
    Path tmp;

    @AfterEach
    void stopDaemon() {
        daemon().ifPresent(ProcessHandle::destroy);
    }

    /** The daemon of this test's socket directory. */
    private Optional<ProcessHandle> daemon() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(" daemon " + tmp)).orElse(false)).findFirst();
    }

    private Process instantiate(String expr) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/nix-instantiate").toString(), "--eval", "-E", expr);
        pb.environment().remove("XDG_RUNTIME_DIR");
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /** Standard output and error and the status, waiting at most {@code seconds}. */
    private static String answer(Process p, int seconds) throws Exception {
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "answered within " + seconds + " s");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) + "status " + p.exitValue();
    }

    private long daemonResidentKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + daemon().orElseThrow().pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void aTrivialRequestIsAnsweredWhileAnotherRunsOutOfMemory() throws Exception {
        assertEquals("1\nstatus 0", answer(instantiate("1"), 300));
        Process big = instantiate("builtins.length (builtins.genList (x: x) 100000000)");
        // Under way: the daemon has grown by hundreds of megabytes.
        for (int i = 0; i < 3000 && big.isAlive() && daemonResidentKiB() < 500_000; i++) {
            Thread.sleep(100);
        }
        assertEquals("2\nstatus 0", answer(instantiate("1 + 1"), 300));
        assertEquals("error: out of memory\nstatus 1", answer(big, 600));
        for (String endless : new String[] {"builtins.readFile /dev/zero", "import /dev/zero"}) {
            assertEquals("error: out of memory\nstatus 1", answer(instantiate(endless), 600), endless);
        }
        assertEquals("4\nstatus 0", answer(instantiate("2 + 2"), 300));
        // And gives the memory back: a third of its 3 GB heap at most, soon after.
        long kib = daemonResidentKiB();
        for (int i = 0; i < 600 && kib > 1_000_000; i++) {
            Thread.sleep(100);
            kib = daemonResidentKiB();
        }
        assertTrue(kib < 1_000_000, "the daemon still holds " + kib + " KiB");
    }
}
