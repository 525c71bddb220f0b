package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Init scripts where they used to fail: started directly under a name their program shares,
 * processes dying at once, a process ignoring TERM, foreground options, the environment, users,
 * and builders asked to write outside their output. Every process started is killed afterwards.
 */
class SysVInitFaultsTest {
    @TempDir
    Path tmp;

    private final List<Path> programs = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).stream()
                .anyMatch(x -> programs.stream().anyMatch(pr -> x.equals(pr.toString())))).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean hasDaemon() {
        return Files.isExecutable(Path.of("/usr/bin/daemon"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Path program(String name, String body) throws Exception {
        Path p = tmp.resolve("bin").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body);
        p.toFile().setExecutable(true, false);
        programs.add(p);
        return p;
    }

    // The PIDs of processes whose arguments include the program's path.
    private static List<Long> running(Path program) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> List.of(a).contains(program.toString())).orElse(false)).map(ProcessHandle::pid).toList();
    }

    private static void awaitRunning(Path program) throws InterruptedException {
        for (int i = 0; i < 100 && running(program).isEmpty(); i++) {
            Thread.sleep(50);
        }
    }

    /**
     * Defect 1: a daemonizing program without a PID file, started by a script of the same name run
     * directly: the script used to find itself (pidof -x) and start nothing.
     */
    @Test
    void scriptRunDirectlyStartsItsNamesakeProgram() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path prog = program("srv", "if [ \"$1\" = run ]; then while :; do sleep 1; done; fi\n"
                + "\"$0\" run >/dev/null 2>&1 &\n");
        Path out = fx.buildFile("srv.nix", fx.prelude(tmp.resolve("var").toString(), true)
                + "createSystemVInitScript { name = \"srv\"; process = \"" + prog + "\"; }", null);
        String script = out.resolve("etc/rc.d/init.d/srv").toString();
        SysVInitFixture.Run start = fx.exec(Map.of(), script, "start");
        assertEquals(0, start.status(), start.out() + start.err());
        awaitRunning(prog);
        List<Long> pids = running(prog);
        assertEquals(1, pids.size(), "started once: " + pids);
        SysVInitFixture.Run status = fx.exec(Map.of(), script, "status");
        assertEquals("srv is running with Process ID(s) " + pids.get(0) + ".\n", status.out());
        SysVInitFixture.Run stop = fx.exec(Map.of("NIXPROC_KILL_DELAY", "1"), script, "stop");
        assertEquals(0, stop.status(), "stop does not kill the script itself: " + stop.out() + stop.err());
        assertEquals(List.of(), running(prog));
        assertEquals(3, fx.exec(Map.of(), script, "status").status());
    }

    /** Defect 3: a foreground process that dies at once fails start, which says why from the log. */
    @Test
    void foregroundProcessDyingAtOnceFailsStart() throws Exception {
        assumeTrue(hasDaemon(), "needs libslack's daemon");
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path prog = program("crash", "echo 'listen: address already in use' >&2\nexit 3\n");
        Path state = tmp.resolve("var");
        Path out = fx.buildFile("crash.nix", fx.prelude(state.toString(), true) + """
                {
                  crash = createSystemVInitScript { name = "crash"; process = "%s"; processIsDaemon = false; };
                  missing = createSystemVInitScript { name = "missing"; process = "%s/nonexistent"; processIsDaemon = false; };
                }
                """.formatted(prog, tmp), "crash");
        SysVInitFixture.Run start = fx.exec(Map.of(), out.resolve("etc/rc.d/init.d/crash").toString(), "start");
        assertEquals(7, start.status(), start.out() + start.err());
        assertEquals("Starting crash... FAIL\n", start.out());
        assertTrue(start.err().contains("crash is not running 1 s after start; last lines of " + state
                + "/log/nixproc-crash.log:\n  listen: address already in use"), start.err());

        Path missing = fx.buildFile("crash.nix", Files.readString(tmp.resolve("work/crash.nix")), "missing");
        SysVInitFixture.Run none = fx.exec(Map.of(), missing.resolve("etc/rc.d/init.d/missing").toString(), "start");
        assertNotEquals(0, none.status(), none.out() + none.err());
        // daemon's own complaint is in the log, not in syslog only.
        assertTrue(none.err().contains("nonexistent"), none.err());
    }

    /**
     * Defect 4 and issue 16 item 8: directory, umask and nice reach a foreground process, and it
     * gets PATH and its declared environment, not the caller's.
     */
    @Test
    void foregroundProcessGetsItsDirectoryUmaskNiceAndOnlyItsEnvironment() throws Exception {
        assumeTrue(hasDaemon(), "needs libslack's daemon");
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path report = tmp.resolve("report");
        Path dir = tmp.resolve("workdir");
        Files.createDirectories(dir);
        Path prog = program("probe", "{ pwd; umask; nice; env | sort; } > " + report + "\nexec sleep 300\n");
        Path out = fx.buildFile("probe.nix", fx.prelude(tmp.resolve("var").toString(), true) + """
                createSystemVInitScript {
                  name = "probe"; process = "%s"; processIsDaemon = false;
                  directory = "%s"; umask = "0027"; nice = 5;
                  environment = { PORT = 5000; };
                }
                """.formatted(prog, dir), null);
        String script = out.resolve("etc/rc.d/init.d/probe").toString();
        SysVInitFixture.Run start = fx.exec(Map.of("SECRET_TOKEN", "hunter2"), script, "start");
        assertEquals(0, start.status(), start.out() + start.err());
        for (int i = 0; i < 100 && !Files.exists(report); i++) {
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(report);
        assertEquals(dir.toString(), lines.get(0));
        assertEquals("0027", lines.get(1));
        assertEquals("5", lines.get(2));
        assertTrue(lines.contains("PORT=5000"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("SECRET_TOKEN=")), lines.toString());
        assertEquals(0, fx.exec(Map.of(), script, "stop").status());
    }

    /** Issue 16 item 3: stop ends a process that ignores TERM, not only its daemon supervisor. */
    @Test
    void stopEndsAProcessIgnoringTerm() throws Exception {
        assumeTrue(hasDaemon(), "needs libslack's daemon");
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path prog = program("stubborn", "trap '' TERM\nwhile :; do sleep 1; done\n");
        Path out = fx.buildFile("stubborn.nix", fx.prelude(tmp.resolve("var").toString(), true)
                + "createSystemVInitScript { name = \"stubborn\"; process = \"" + prog + "\"; processIsDaemon = false; }",
                null);
        String script = out.resolve("etc/rc.d/init.d/stubborn").toString();
        assertEquals(0, fx.exec(Map.of(), script, "start").status());
        awaitRunning(prog);
        assertFalse(running(prog).isEmpty());
        SysVInitFixture.Run stop = fx.exec(Map.of("NIXPROC_KILL_DELAY", "1"), script, "stop");
        assertEquals(0, stop.status(), stop.out() + stop.err());
        Thread.sleep(200);
        assertEquals(List.of(), running(prog), "the process itself was stopped");
    }

    /**
     * Defect 2, issue 16 items 2 and 5 (as root): a foreground process with a user and state
     * outside /var starts, runs as that user (without su or a login shell), its PID file in the
     * runtime directory that only root writes; a self-daemonizing one too. A user that does not
     * exist is named.
     */
    @Test
    void asRootProcessesRunAsTheirUser() throws Exception {
        assumeTrue(isRoot() && hasDaemon(), "needs root and libslack's daemon");
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path state = tmp.resolve("home-sbu");
        Path report = tmp.resolve("reports/whoami");
        Files.createDirectories(report.getParent());
        Files.setPosixFilePermissions(report.getParent(), java.util.EnumSet.allOf(PosixFilePermission.class));
        Files.setPosixFilePermissions(tmp, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_READ));
        Path prog = program("fg", "id -un > " + report + ".fg\nexec sleep 300\n");
        Path forker = program("bg", "if [ \"$1\" = run ]; then id -un > " + report + ".bg; while :; do sleep 1; done; fi\n"
                + "\"$0\" run >/dev/null 2>&1 &\n");
        Path out = fx.buildFile("users.nix", fx.prelude(state.toString(), false) + """
                {
                  fg = createSystemVInitScript { name = "fg"; process = "%s"; processIsDaemon = false; user = "nobody"; };
                  bg = createSystemVInitScript { name = "bg"; process = "%s"; user = "nobody"; };
                  ghost = createSystemVInitScript { name = "ghost"; process = "%s"; processIsDaemon = false; user = "nixproc-ghost"; };
                }
                """.formatted(prog, forker, prog), "fg");
        String script = out.resolve("etc/rc.d/init.d/fg").toString();
        SysVInitFixture.Run start = fx.exec(Map.of(), script, "start");
        assertEquals(0, start.status(), start.out() + start.err());
        awaitRunning(prog);
        assertEquals("nobody", Files.readString(Path.of(report + ".fg")).strip());
        Path pidFile = state.resolve("run/fg.pid");
        assertTrue(Files.exists(pidFile), "PID file in the runtime directory");
        assertEquals("root", Files.getOwner(pidFile).getName());
        assertFalse(Files.getPosixFilePermissions(pidFile.getParent()).contains(PosixFilePermission.OTHERS_WRITE));
        assertEquals(0, fx.exec(Map.of(), script, "stop").status());
        assertEquals(List.of(), running(prog));

        Path bg = fx.buildFile("users.nix", Files.readString(tmp.resolve("work/users.nix")), "bg");
        SysVInitFixture.Run bgStart = fx.exec(Map.of(), bg.resolve("etc/rc.d/init.d/bg").toString(), "start");
        assertEquals(0, bgStart.status(), bgStart.out() + bgStart.err());
        awaitRunning(forker);
        assertEquals("nobody", Files.readString(Path.of(report + ".bg")).strip());
        assertEquals(0, fx.exec(Map.of("NIXPROC_KILL_DELAY", "1"), bg.resolve("etc/rc.d/init.d/bg").toString(), "stop")
                .status());

        Path ghost = fx.buildFile("users.nix", Files.readString(tmp.resolve("work/users.nix")), "ghost");
        SysVInitFixture.Run g = fx.exec(Map.of(), ghost.resolve("etc/rc.d/init.d/ghost").toString(), "start");
        assertEquals(1, g.status());
        assertTrue(g.err().contains("user 'nixproc-ghost' does not exist"), g.err());
    }

    /** Issue 16 item 5: user and group names that su or useradd would read as options or lines are refused. */
    @Test
    void badUserAndCredentialNamesAreRefused() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        String p = fx.prelude("/tmp/x", false);
        assertTrue(fx.evalError(p + "createSystemVInitScript { name = \"x\"; process = \"/bin/true\"; user = \"-\"; }")
                .contains("invalid user name '-'"));
        assertTrue(fx.evalError(p + "(createSystemVInitScript { name = \"x\"; credentials.users.\"-r\" = {}; }).outPath")
                .contains("invalid user or group name '-r'"));
        assertTrue(fx.evalError(p + "(createSystemVInitScript { name = \"x\"; credentials.users.u ="
                + " { \"shell=/bin/sh\\nhomeDir\" = \"/\"; }; }).outPath").contains("invalid credential property name"));
    }

    /** Defect 7: with forceDisableUserChange no credentials land in the package, whatever createCredentials does. */
    @Test
    void forceDisableUserChangeLeavesCredentialsOut() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        // As the spec composes it: createCredentials without forceDisableUserChange.
        Path out = fx.buildFile("c.nix", """
                let
                  createSystemVInitScript = import <nixproc/backends/sysvinit/create-sysvinit-script.nix> {
                    forceDisableUserChange = true;
                    createCredentials = import <nixproc/create-credentials> {};
                  };
                in
                createSystemVInitScript {
                  name = "w"; process = "/bin/sleep"; processIsDaemon = false; user = "w";
                  credentials = { groups.w = {}; users.w = { group = "w"; }; };
                }
                """, null);
        assertFalse(Files.exists(out.resolve("dysnomia-support")), "no credentials in the package");
        assertTrue(Files.readString(out.resolve("etc/rc.d/init.d/w")).contains("--pidfile /var/run/w.pid"));
    }

    /** Issue 16 item 8: the script builder writes only inside its output. */
    @Test
    void builderStaysInsideItsOutput() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        for (String attrs : List.of("scriptName = \"../../../../escaped\"; script = \"x\";",
                "supportFiles = \"../../escaped\\neA==\\n\";", "supportFiles = \"/tmp/escaped\\neA==\\n\";",
                "scriptName = \"s\"; startRunlevels = \"../../x\";")) {
            Path f = tmp.resolve("work/escape.nix");
            Files.writeString(f, "derivation { name = \"e\"; system = builtins.currentSystem;"
                    + " builder = \"builtin:sysvinit-script\"; " + attrs + " }");
            SysVInitFixture.Run r = fx.nix("nix-build", "--no-out-link", f.toString());
            assertEquals(100, r.status(), attrs + ": " + r.out() + r.err());
            assertTrue(r.err().contains("refusing to write") || r.err().contains("invalid"), r.err());
        }
        try (var s = Files.walk(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().equals("escaped")).toList());
        }
    }
}
