package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.eval.EvalOptions;

/**
 * nixproc-sysvinit-switch and nixproc-build on this machine: the managed processes of
 * src/test/resources/managed/switch built for sysvinit, started, upgraded (only the changed one
 * restarted, the removed one stopped) and undeployed.
 */
class SysVInitSwitchTest {
    @TempDir
    Path tmp;

    private Path stateDir() {
        return tmp.resolve("var");
    }

    private static Path processes() {
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            Path root = Path.of(System.getProperty("nixproc.root", "..")).toAbsolutePath().normalize();
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, root.resolve("processmgmt/nix").toString());
        }
        return Path.of("src/test/resources/managed/switch/processes.nix").toAbsolutePath();
    }

    private CapturedRun nixproc(String command, String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "TMPDIR", tmp.toString(), "HOME", tmp.toString(), "PATH",
                "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "NIXPROC_KILL_DELAY", "1");
        return CapturedRun.run(command, env, tmp.toString(), args).decoded();
    }

    private void switchTo(String... args) throws InterruptedException {
        List<String> a = new ArrayList<>(List.of("--state-dir", stateDir().toString(), "--force-disable-user-change"));
        a.addAll(List.of(args));
        CapturedRun r = nixproc("nixproc-sysvinit-switch", a.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
    }

    // The sleep a process runs: `sleep 1001` is the second process of generation 1.
    private Optional<ProcessHandle> sleeping(String seconds) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").endsWith("sleep " + seconds))
                .filter(p -> p.info().user().orElse("").equals(System.getProperty("user.name"))).findFirst();
    }

    // A process stopped through `daemon` ends just after its supervisor does.
    private static boolean alive(long pid) throws InterruptedException {
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @AfterEach
    void undeploy() throws Exception {
        nixproc("nixproc-sysvinit-switch", "--state-dir", stateDir().toString(), "--undeploy");
    }

    @Test
    void switchesUpgradesRollsBackAndUndeploys() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/daemon")), "daemon missing: apt-get install daemon");
        String file = processes().toString();
        CapturedRun build = nixproc("nixproc-build", "-P", "sysvinit", "--no-out-link", "--state-dir", stateDir().toString(),
                "--extra-params", "{ patience = 5; }", file);
        assertEquals(0, build.status(), build.err());
        assertTrue(Files.isDirectory(Path.of(build.out().strip()).resolve("etc/rc.d/rc3.d")), build.out());

        switchTo("--extra-params", "{ generation = 1; patience = 5; }", file);
        long second = sleeping("1001").orElseThrow().pid();
        long legacyPid = Long.parseLong(Files.readString(stateDir().resolve("run/legacy.pid")).strip());
        long first = sleeping("1000").filter(p -> p.pid() != legacyPid).orElseThrow().pid();

        switchTo("--extra-params", "{ generation = 2; patience = 5; }", file);
        assertTrue(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false), "unchanged process restarted");
        assertFalse(alive(second), "changed process still runs");
        assertTrue(sleeping("1002").isPresent(), "changed process not started");
        assertFalse(alive(legacyPid), "removed process still runs");

        switchTo("--undeploy");
        assertFalse(alive(first));
        assertTrue(sleeping("1002").isEmpty());
    }
}
