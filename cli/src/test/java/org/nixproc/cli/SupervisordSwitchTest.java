package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.cli.CapturedRun;
import org.nixproc.lang.eval.EvalOptions;

/**
 * nixproc-supervisord-switch with Debian's supervisord on this machine, as the user running the
 * tests: a first deployment starts supervisord and the programs in dependency order (`second`
 * fails unless `first` was RUNNING before it started), an upgrade restarts only what changed and
 * removes what disappeared, a rollback brings it back, and --undeploy leaves nothing running.
 */
class SupervisordSwitchTest {
    @TempDir
    Path tmp;

    private Path stateDir() {
        return tmp.resolve("var");
    }

    private Path conf() {
        return stateDir().resolve("lib/supervisord/supervisord.conf");
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
                "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        return CapturedRun.run(command, env, tmp.toString(), args).decoded();
    }

    private CapturedRun switchTo(String... args) throws InterruptedException {
        List<String> a = new ArrayList<>(List.of("--state-dir", stateDir().toString(), "--force-disable-user-change"));
        a.addAll(List.of(args));
        CapturedRun r = nixproc("nixproc-supervisord-switch", a.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return r;
    }

    private String supervisorctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("supervisorctl", "-c", conf().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.strip();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @AfterEach
    void stopSupervisord() throws Exception {
        Path pidFile = stateDir().resolve("run/supervisord.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void switchesUpgradesRollsBackAndUndeploys() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisord")), "supervisord missing: apt-get install supervisor");
        String file = processes().toString();

        CapturedRun first = switchTo("--extra-params", "{ generation = 1; }", file);
        assertTrue(first.err().contains("started supervisord"), first.err());
        String status = supervisorctl("status");
        for (String program : List.of("first", "second", "legacy")) {
            assertTrue(status.matches("(?s).*" + program + "\\s+RUNNING.*"), status);
        }
        // Controlled through a socket only its owner may use, never a TCP port.
        Path socket = stateDir().resolve("run/supervisord.sock");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertFalse(Files.readString(conf()).contains("inet_http_server"));
        long firstPid = Long.parseLong(supervisorctl("pid", "first"));
        long secondPid = Long.parseLong(supervisorctl("pid", "second"));
        long legacyPid = Long.parseLong(Files.readString(stateDir().resolve("run/legacy.pid")).strip());
        assertTrue(alive(legacyPid));

        switchTo("--extra-params", "{ generation = 2; }", file);
        assertEquals(firstPid, Long.parseLong(supervisorctl("pid", "first")), "unchanged program restarted");
        long secondPid2 = Long.parseLong(supervisorctl("pid", "second"));
        assertNotEquals(secondPid, secondPid2, "changed program not restarted");
        assertFalse(supervisorctl("status").contains("legacy"));
        assertFalse(alive(legacyPid), "the daemon behind the removed program still runs");

        CapturedRun rollback = nixproc("nixproc-supervisord-switch", "--state-dir", stateDir().toString(), "--rollback");
        assertEquals(0, rollback.status(), rollback.err());
        assertTrue(supervisorctl("status").matches("(?s).*legacy\\s+RUNNING.*"));
        assertEquals(firstPid, Long.parseLong(supervisorctl("pid", "first")));

        CapturedRun list = nixproc("nixproc-supervisord-switch", "--list-generations");
        // A rollback moves the profile back to generation 1; it makes no generation of its own.
        assertEquals(2, list.out().strip().lines().count(), list.out());
        assertTrue(list.out().strip().lines().findFirst().orElseThrow().endsWith("(current)"), list.out());

        long supervisordPid = Long.parseLong(Files.readString(stateDir().resolve("run/supervisord.pid")).strip());
        switchTo("--undeploy");
        long deadline = System.currentTimeMillis() + 10_000;
        while (alive(supervisordPid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(alive(supervisordPid), "supervisord still runs after --undeploy");
        assertFalse(alive(firstPid));
        assertFalse(alive(secondPid2));
    }

    @Test
    void badCommandLinesAreRefused() throws Exception {
        CapturedRun r = nixproc("nixproc-supervisord-switch", "--frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unrecognised option '--frobnicate'"), r.err());
        r = nixproc("nixproc-build", "-P", "launchd", "x.nix");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown process manager 'launchd'"), r.err());
        r = nixproc("nixproc-supervisord-switch", "--switch-generation", "7");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("has no generations"), r.err());
    }
}
