package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nixproc.lang.eval.Bytes;

/** The target side: locking, the profile, the wrapper and process types, what it refuses. */
class DisnixRunActivityTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    private Result run(String stdin, String... args) {
        return run(Map.of(), stdin, args);
    }

    private Result run(Map<String, String> extraEnv, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(),
                "NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString(), "PATH", "/usr/bin:/bin"));
        env.putAll(extraEnv);
        int status = DisnixRunActivity.run(args, new Invocation(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                env, Bytes.fromJava(tmp.toString())));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLockedTargetRefusesOthersUntilUnlocked() {
        assertEquals(0, run("", "lock", "first").status());
        assertEquals(0, run("", "lock", "first").status());
        Result second = run("", "lock", "second");
        assertEquals(1, second.status());
        assertEquals("error: the target is locked by another deployment (first)\n", second.err());
        assertEquals(1, run("", "unlock", "second").status());
        assertEquals(0, run("", "unlock", "first").status());
        assertEquals(0, run("", "lock", "second").status());
    }

    @Test
    void profileIsWhatQueryInstalledReports() throws Exception {
        assertEquals("", run("", "query-installed").out());
        Path profile = tmp.resolve("profile");
        Files.writeString(profile, "web\tsysvinit-script\tsysvinit-script\t/s/web\n");
        assertEquals(0, run("", "set-profile", profile.toString()).status());
        assertEquals("web\tsysvinit-script\tsysvinit-script\t/s/web\n", run("", "query-installed").out());
        assertTrue(Files.isSymbolicLink(tmp.resolve("state/profiles/disnix-default")));
    }

    @Test
    void wrapperRunsItsOwnActivities() throws Exception {
        Path pkg = tmp.resolve("pkg");
        Files.createDirectories(pkg.resolve("bin"));
        Path wrapper = pkg.resolve("bin/wrapper");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$1\" >> " + tmp.resolve("did") + "\n[ \"$1\" = activate ]\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(0, run("", "activate", "wrapper", pkg.toString()).status());
        assertEquals(1, run("", "deactivate", "wrapper", pkg.toString()).status());
        assertEquals("activate\ndeactivate\n", Files.readString(tmp.resolve("did")));
    }

    @Test
    void processRunsInTheBackgroundUntilDeactivated() throws Exception {
        Path pkg = tmp.resolve("proc");
        Files.createDirectories(pkg.resolve("bin"));
        Path exe = pkg.resolve("bin/sleeper");
        Files.writeString(exe, "#!/bin/sh\nexec sleep 300\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(0, run("", "activate", "process", pkg.toString()).status());
        long pid = Long.parseLong(Files.readString(tmp.resolve("state/disnix/processes/proc.pid")).strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(0, run("", "deactivate", "process", pkg.toString()).status());
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    // A package as createSupervisordProgram makes it: conf.d/NAME.conf.
    private Path supervisordProgram(String name, String properties) throws Exception {
        Path pkg = tmp.resolve("pkgs").resolve(name);
        Files.createDirectories(pkg.resolve("conf.d"));
        Files.writeString(pkg.resolve("conf.d").resolve(name + ".conf"), "[program:" + name + "]\n" + properties);
        return pkg;
    }

    private static String supervisorctl(Path conf, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("supervisorctl", "-c", conf.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // Whether the process runs (a zombie waiting for a PID 1 that does not reap does not), within 10 s.
    private static boolean stillRunsAfterAWhile(long pid) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            } catch (java.io.IOException e) {
                return false;
            }
            if (stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z")) {
                return false;
            }
            if (System.currentTimeMillis() > deadline) {
                return true;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void supervisordProgramRunsUnderTheTargetsSupervisordUntilDeactivated() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisord")), "supervisord missing: apt-get install supervisor");
        Path conf = tmp.resolve("state/disnix/supervisord/supervisord.conf");
        Path first = supervisordProgram("first", "command=/bin/sleep 300\nstartsecs=1\n");
        Path second = supervisordProgram("second", "command=/bin/sleep 301\nstartsecs=1\n");
        try {
            Result r = run("", "activate", "supervisord-program", first.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("started supervisord"), r.err());
            long supervisordPid = Long.parseLong(Files.readString(tmp.resolve("state/disnix/supervisord/supervisord.pid")).strip());
            assertEquals(0, run("", "activate", "supervisord-program", second.toString()).status());
            String status = supervisorctl(conf, "status");
            assertTrue(status.matches("(?s)first\\s+RUNNING.*second\\s+RUNNING.*"), status);
            long firstPid = Long.parseLong(supervisorctl(conf, "pid", "first").strip());

            r = run("", "deactivate", "supervisord-program", first.toString());
            assertEquals(0, r.status(), r.err());
            assertFalse(Files.exists(tmp.resolve("state/disnix/supervisord/conf.d/first.conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertFalse(stillRunsAfterAWhile(firstPid), "the deactivated program still runs");
            status = supervisorctl(conf, "status");
            assertFalse(status.contains("first"), status);
            assertTrue(status.matches("(?s)second\\s+RUNNING.*"), status);

            // The last program leaving takes supervisord with it.
            r = run("", "deactivate", "supervisord-program", second.toString());
            assertEquals(0, r.status(), r.err());
            assertFalse(stillRunsAfterAWhile(supervisordPid), "supervisord still runs without programs: " + r.err());
        } finally {
            supervisorctl(conf, "shutdown");
        }
    }

    @Test
    void aSupervisordProgramThatDoesNotStayUpFailsItsActivation() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisord")), "supervisord missing: apt-get install supervisor");
        Path conf = tmp.resolve("state/disnix/supervisord/supervisord.conf");
        Path failing = supervisordProgram("failing", "command=/bin/false\nstartsecs=1\nstartretries=0\n");
        try {
            Result r = run("", "activate", "supervisord-program", failing.toString());
            assertEquals(1, r.status());
            assertTrue(r.err().contains("error: program(s) not running: failing (FATAL)"), r.err());
            // Nothing of it is left: neither its configuration nor supervisord, which it alone needed.
            assertFalse(Files.exists(tmp.resolve("state/disnix/supervisord/conf.d/failing.conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
            assertFalse(Files.exists(tmp.resolve("state/disnix/supervisord/supervisord.pid")), "supervisord still runs without programs");
            assertFalse(supervisorctl(conf, "pid").strip().matches("[0-9]+"));
        } finally {
            supervisorctl(conf, "shutdown");
        }
    }

    @Test
    void systemdUnitIsLinkedReloadedAndStartedThenStoppedAndRemoved() throws Exception {
        // systemd is not PID 1 here: a systemctl that records its calls, and fails `start` of a unit named broken.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("systemctl.calls");
        Files.writeString(bin.resolve("systemctl"), "#!/bin/sh\necho \"$*\" >> " + calls
                + "\ncase \"$*\" in *broken*) [ \"$1\" != start ];; esac\n");
        Files.setPosixFilePermissions(bin.resolve("systemctl"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path units = tmp.resolve("units");
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "SYSTEMD_TARGET_DIR", units.toString());
        Path pkg = tmp.resolve("pkgs/web");
        Path dir = Files.createDirectories(pkg.resolve("etc/systemd/system"));
        Files.writeString(dir.resolve("nix-process-web.service"), "[Service]\nExecStart=/bin/sleep 300\n");
        Files.createDirectories(dir.resolve("nix-process-web.service.wants"));

        Result r = run(env, "", "activate", "systemd-unit", pkg.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("daemon-reload\nstart nix-process-web.service\n", Files.readString(calls));
        assertEquals(dir.resolve("nix-process-web.service").toRealPath(), Files.readSymbolicLink(units.resolve("nix-process-web.service")));
        assertTrue(Files.isSymbolicLink(units.resolve("nix-process-web.service.wants")));

        Files.delete(calls);
        r = run(env, "", "deactivate", "systemd-unit", pkg.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("stop nix-process-web.service\ndaemon-reload\n", Files.readString(calls));
        assertFalse(Files.exists(units.resolve("nix-process-web.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(units.resolve("nix-process-web.service.wants"), java.nio.file.LinkOption.NOFOLLOW_LINKS));

        Path broken = tmp.resolve("pkgs/broken");
        Files.createDirectories(broken.resolve("etc/systemd/system"));
        Files.writeString(broken.resolve("etc/systemd/system/nix-process-broken.service"), "[Service]\nExecStart=/bin/false\n");
        r = run(env, "", "activate", "systemd-unit", broken.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("error: 'systemctl start nix-process-broken.service' failed (exit code 1)"), r.err());
        assertTrue(Files.readString(calls).endsWith("start nix-process-broken.service\nstop nix-process-broken.service\ndaemon-reload\n"),
                Files.readString(calls));
        assertFalse(Files.exists(units.resolve("nix-process-broken.service"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void badRequestsAreRefusedClearly() {
        Result r = run("", "activate", "tomcat-webapplication", "/s/x");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: unsupported service type 'tomcat-webapplication'\n"), r.err());
        r = run("", "activate", "sysvinit-script", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("has no etc/rc.d/rc3.d"), r.err());
        r = run("", "activate", "supervisord-program", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("has no conf.d/*.conf"), r.err());
        r = run("", "activate", "systemd-unit", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("has no etc/systemd/system/*.service"), r.err());
        assertEquals(2, run("", "frobnicate").status());
        assertEquals(2, run("", "lock").status());
        r = run("not an export", "import");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void printInvalidNamesWhatTheStoreLacks() {
        String missing = tmp.resolve("store") + "/00000000000000000000000000000000-nothing";
        assertEquals(missing + "\n", run(missing + "\n", "print-invalid").out());
    }
}
