package org.nixproc.processmgmt.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.eval.EvalOptions;

/**
 * rcswitch over a profile built by nix-build with the sysvinit backend (needs the {@code daemon}
 * tool, as the generated scripts do): deploy, upgrade keeping the unchanged process, roll back, stop.
 */
class RcEndToEndTest {
    @TempDir
    Path tmp;

    @AfterEach
    void killLeftovers() {
        // Whatever still runs with the test's directory on its command line, and its children.
        String dir = tmp.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
    }

    @Test
    void deployUpgradeRollbackStop() throws Exception {
        Assumptions.assumeTrue(List.of("/usr/bin/daemon", "/usr/local/bin/daemon").stream().anyMatch(p -> Files.isExecutable(Path.of(p))),
                "the daemon tool is not installed");
        if (System.getProperty(EvalOptions.BUNDLED_PATH_PROPERTY) == null) {
            System.setProperty(EvalOptions.BUNDLED_PATH_PROPERTY, Path.of("nix").toAbsolutePath().toString());
        }
        RcFixture fx = new RcFixture(tmp);
        Files.writeString(tmp.resolve("profile.nix"), """
                { version, stateDir }:
                let
                  pkgs = import <nixpkgs> {};
                  createSystemVInitScript = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
                    runtimeDir = "${stateDir}/run"; logDir = "${stateDir}/log"; tmpDir = "${stateDir}/tmp";
                    forceDisableUserChange = true;
                  };
                  processes = rec {
                    first = { pkg = createSystemVInitScript {
                      name = "first"; process = "/bin/sleep"; args = [ "31000" ]; processIsDaemon = false; runlevels = [ 3 ];
                    }; };
                    second = { pkg = createSystemVInitScript {
                      name = "second"; process = "/bin/sleep"; args = [ version ]; processIsDaemon = false; runlevels = [ 3 ];
                      dependencies = [ first.pkg ];
                    }; };
                  };
                in
                (import <nixproc/backends/sysvinit/build-sysvinit-env.nix> { inherit (pkgs) buildEnv; }) { inherit processes; }
                """);
        String var = tmp.resolve("var").toString();
        assertEquals(0, fx.run("nix-build", "profile.nix", "--argstr", "version", "31001", "--argstr", "stateDir", var, "-o", "r1"), fx.lastErr);
        assertEquals(0, fx.run("nix-build", "profile.nix", "--argstr", "version", "31002", "--argstr", "stateDir", var, "-o", "r2"), fx.lastErr);

        assertEquals(0, fx.run("rcswitch", "--profile", "e2e", "r1/etc/rc.d/rc3.d"), fx.lastErr);
        List<String> before = status(fx);
        assertEquals(2, before.size(), before.toString());
        assertTrue(eventually(() -> sleeping("31001")));

        assertEquals(0, fx.run("rcswitch", "--profile", "e2e", "r2/etc/rc.d/rc3.d"), fx.lastErr);
        List<String> after = status(fx);
        assertEquals(before.get(0), after.get(0), "the unchanged process keeps its PID");
        assertTrue(eventually(() -> sleeping("31002") && !sleeping("31001")));

        assertEquals(0, fx.run("rcswitch", "--profile", "e2e", "--rollback"), fx.lastErr);
        assertEquals(before.get(0), status(fx).get(0));
        assertTrue(eventually(() -> sleeping("31001") && !sleeping("31002")));

        assertEquals(0, fx.run("rcactivity", "stop", "--profile", "e2e"), fx.lastErr);
        assertTrue(eventually(() -> !sleeping("31001") && !sleeping("31000")));
    }

    interface Check {
        boolean holds() throws IOException;
    }

    // Daemons start and stop their processes asynchronously: wait up to 10 s for the state.
    private static boolean eventually(Check c) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    // `daemon` writes its PID file after it has returned, so right after a start a process may still
    // be reported as not running: ask again (up to 10 s) until every process is.
    private static List<String> status(RcFixture fx) throws InterruptedException {
        for (int i = 0; ; i++) {
            int rc = fx.run("rcactivity", "status", "--profile", "e2e");
            List<String> lines = fx.lastOut.lines().toList();
            if (rc == 0 && lines.stream().allMatch(l -> l.contains(" is running")) || i == 100) {
                assertEquals(0, rc, fx.lastErr + fx.lastOut);
                return lines;
            }
            Thread.sleep(100);
        }
    }

    // Whether a `sleep SECONDS` started from this test's scripts runs (zombies do not count).
    private boolean sleeping(String seconds) throws IOException {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)
                && p.info().arguments().map(a -> a.length == 1 && a[0].equals(seconds)).orElse(false)
                && p.isAlive() && !isZombie(p.pid()));
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
