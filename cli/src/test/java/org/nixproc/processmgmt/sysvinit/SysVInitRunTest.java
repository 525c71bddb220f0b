package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated init scripts actually run, as the current user, with forceDisableUserChange and all
 * state in a temporary directory that does not exist yet: a foreground process daemonized with
 * libslack's daemon (Debian package "daemon"), a daemonizing process through start_daemon, and
 * values that try to inject code. Every process started is stopped afterwards.
 */
class SysVInitRunTest {
    @TempDir
    Path tmp;

    private final List<Path> pidFiles = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws Exception {
        for (Path f : pidFiles) {
            if (Files.exists(f)) {
                for (String pid : Files.readString(f).trim().split("\\s+")) {
                    if (!pid.isEmpty()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        }
    }

    private static boolean hasDaemon() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "daemon"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/daemon"));
    }

    // Alive and not a zombie (a container's init may be slow to reap).
    private static boolean alive(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void foregroundProcessDaemonized() throws Exception {
        assumeTrue(hasDaemon(), "needs libslack's daemon (apt-get install daemon)");
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path state = tmp.resolve("var");
        Path out = fx.buildFile("webapp.nix", fx.prelude(state.toString(), true) + """
                createSystemVInitScript {
                  name = "sleeper";
                  process = "/bin/sleep";
                  args = [ "300" ];
                  processIsDaemon = false;
                  user = "nobody";
                  runlevels = [ 3 4 5 ];
                  environment.GREETING = "hello";
                }
                """, null);
        Path script = out.resolve("etc/rc.d/init.d/sleeper");
        // user is set but forceDisableUserChange: no user change, PID file in the runtime directory.
        Path pidFile = state.resolve("run/sleeper.pid");
        pidFiles.add(pidFile);
        assertFalse(Files.exists(state));

        SysVInitFixture.Run start = fx.exec(Map.of(), script.toString(), "start");
        assertEquals(0, start.status(), start.out() + start.err());
        assertEquals("Starting sleeper... OK\n", start.out());
        assertTrue(Files.isDirectory(state.resolve("run")) && Files.isDirectory(state.resolve("log")));
        String pid = awaitPid(pidFile);
        assertTrue(alive(pid));
        // daemon writes its PID file before it forks the process: give the child a moment.
        boolean runsSleep = false;
        for (int i = 0; i < 100 && !runsSleep; i++) {
            runsSleep = ProcessHandle.of(Long.parseLong(pid)).orElseThrow().children()
                    .anyMatch(c -> c.info().command().orElse("").endsWith("sleep"));
            if (!runsSleep) {
                Thread.sleep(50);
            }
        }
        assertTrue(runsSleep, "daemon runs sleep");

        SysVInitFixture.Run status = fx.exec(Map.of(), script.toString(), "status");
        assertEquals(0, status.status(), status.out());
        assertEquals("sleep is running with Process ID(s) " + pid + ".\n", status.out());

        SysVInitFixture.Run stop = fx.exec(Map.of(), script.toString(), "stop");
        assertEquals(0, stop.status(), stop.out() + stop.err());
        assertEquals("Stopping sleeper... OK\n", stop.out());
        assertFalse(alive(pid));
        assertFalse(Files.exists(pidFile));

        SysVInitFixture.Run after = fx.exec(Map.of(), script.toString(), "status");
        assertEquals(3, after.status());
        assertEquals("sleep is not running.\n", after.out());

        SysVInitFixture.Run usage = fx.exec(Map.of(), script.toString(), "bogus");
        assertEquals(1, usage.status());
        assertEquals("Usage: " + script + " {start|stop|reload|restart|status}\n", usage.out());
    }

    @Test
    void daemonizingProcessWithStalePidFile() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path state = tmp.resolve("var");
        Path pidFile = state.resolve("run/forker.pid");
        pidFiles.add(pidFile);
        // A process that daemonizes itself and writes its PID file, and ignores TERM (so KILL is needed).
        Path forker = tmp.resolve("forker");
        Files.writeString(forker, "#!/bin/sh\nif [ \"$2\" = run ]; then trap '' TERM; while :; do sleep 1; done; fi\n"
                + "\"$0\" \"$1\" run >/dev/null 2>&1 &\necho $! > \"$1\"\n");
        forker.toFile().setExecutable(true);
        Path out = fx.buildFile("forker.nix", fx.prelude(state.toString(), true) + """
                createSystemVInitScript {
                  name = "forker";
                  instanceName = "forker";
                  process = "%s";
                  args = [ "%s" ];
                }
                """.formatted(forker, pidFile), null);
        Path script = out.resolve("etc/rc.d/init.d/forker");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, "999999\n");   // stale
        assertEquals(1, fx.exec(Map.of(), script.toString(), "status").status());

        SysVInitFixture.Run start = fx.exec(Map.of(), script.toString(), "start");
        assertEquals(0, start.status(), start.out() + start.err());
        String pid = awaitPid(pidFile);
        assertTrue(!pid.equals("999999") && alive(pid), pid);
        // Starting again does not start a second one.
        assertEquals(0, fx.exec(Map.of(), script.toString(), "start").status());
        assertEquals(pid, Files.readString(pidFile).trim());

        SysVInitFixture.Run stop = fx.exec(Map.of("NIXPROC_KILL_DELAY", "1"), script.toString(), "stop");
        assertEquals(0, stop.status(), stop.out() + stop.err());
        assertFalse(alive(pid));
        assertFalse(Files.exists(pidFile));
        // Stopping what does not run succeeds.
        assertEquals(0, fx.exec(Map.of(), script.toString(), "stop").status());
        assertEquals(7, fx.exec(Map.of(), "/bin/sh", "-c",
                ". " + initFunctions(script) + "; killproc -p " + pidFile + " /bin/sleep -HUP").status());
    }

    @Test
    void valuesCannotRunCode() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path state = tmp.resolve("var");
        Path marks = tmp.resolve("marks");
        Files.createDirectories(marks);
        String evil = "x'\"; touch " + marks + "/a; $(touch " + marks + "/b) `touch " + marks + "/c` '\n touch " + marks
                + "/d #";
        String nixEvil = nixString(evil);
        Path out = fx.buildFile("evil.nix", fx.prelude(state.toString(), true) + """
                createSystemVInitScript {
                  name = "evil";
                  description = %1$s;
                  process = "/bin/echo";
                  args = [ %1$s ];
                  directory = "/";
                  environment.EVIL = %1$s;
                  reloadSignal = %1$s;
                  instructions.check = { activity = %1$s; instruction = "echo \\"$EVIL\\""; };
                }
                """.formatted(nixEvil), null);
        Path script = out.resolve("etc/rc.d/init.d/evil");
        SysVInitFixture.Run start = fx.exec(Map.of(), script.toString(), "start");
        // echo ends at once: start says so (7, not running), after the quoted description.
        assertEquals(7, start.status(), start.out() + start.err());
        assertTrue(start.out().contains(evil), "[" + start.out() + "]" + start.err());
        SysVInitFixture.Run check = fx.exec(Map.of(), script.toString(), "check");
        assertTrue(check.out().contains(evil + "\n"), check.out());
        fx.exec(Map.of(), script.toString(), "status");
        fx.exec(Map.of(), script.toString(), "reload");
        try (var s = Files.list(marks)) {
            assertEquals(0, s.count(), "a value ran code");
        }
    }

    /**
     * A fuzz of the same: random values made of shell syntax (substitutions, quotes, ;, newlines,
     * globs, redirections, expansions), given as a process's arguments and environment, reach it
     * byte for byte and run nothing. The seed is in every message.
     */
    @Test
    void randomValuesArriveIntactAndRunNothing() throws Exception {
        SysVInitFixture fx = new SysVInitFixture(tmp);
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Files.writeString(marks.resolve("glob-bait"), "");
        String[] pieces = {"$(touch " + marks + "/p)", "`touch " + marks + "/q`", "'", "\"", ";", "\n", "\t", " ", "*",
            "?", "[a-z]*", marks + "/*", "~", "~root", "$HOME", "${EVIL0}", "$1", "$$", "\\", "|", "&", ">" + marks + "/r",
            "<", "#", "!", "%s", "{a,b}", "-n", "--", "a", "é", "''", "${", "}", "\\$"};
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            StringBuilder v = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                v.append(pieces[random.nextInt(pieces.length)]);
            }
            values.add(v.toString());
        }
        StringBuilder args = new StringBuilder();
        StringBuilder env = new StringBuilder();
        Path printed = tmp.resolve("printed");
        StringBuilder print = new StringBuilder("exec > " + printed + ".part; printf '%s\\0' \"$@\"");
        for (int i = 0; i < values.size(); i++) {
            args.append(' ').append(nixString(values.get(i)));
            env.append("    EVIL").append(i).append(" = ").append(nixString(values.get(i))).append(";\n");
            print.append("; printf '%s\\0' \"$EVIL").append(i).append('"');
        }
        print.append("; mv ").append(printed).append(".part ").append(printed);
        Path out = fx.buildFile("fuzz.nix", fx.prelude(tmp.resolve("var").toString(), true) + """
                createSystemVInitScript {
                  name = "fuzz";
                  process = "/usr/bin/env";
                  args = [ "/bin/sh" "-c" %s "sh" %s ];
                  environment = {
                %s  };
                }
                """.formatted(nixString(print.toString()), args, env), null);
        SysVInitFixture.Run start = fx.exec(Map.of(), out.resolve("etc/rc.d/init.d/fuzz").toString(), "start");
        // env hands over to sh, which ends once it has printed: start says env does not run (7).
        assertEquals(7, start.status(), "seed " + seed + ": " + start.err());
        // start_daemon starts no second /bin/sh (other shells run), so sh comes through env; it
        // runs in the background, so its output is awaited.
        for (int i = 0; i < 200 && !Files.exists(printed); i++) {
            Thread.sleep(50);
        }
        String expected = String.join("\0", values) + "\0" + String.join("\0", values) + "\0";
        assertEquals(expected, Files.readString(printed), "seed " + seed);
        try (var s = Files.list(marks)) {
            assertEquals(List.of(marks.resolve("glob-bait")), s.toList(), "seed " + seed + ": a value ran code");
        }
    }

    /** A Nix string literal of {@code s}. */
    private static String nixString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("\n", "\\n")
                .replace("\t", "\\t") + '"';
    }

    private static String initFunctions(Path script) throws Exception {
        for (String line : Files.readAllLines(script)) {
            if (line.startsWith(". ")) {
                return line.substring(2);
            }
        }
        throw new AssertionError("no init functions");
    }

    /** The PID a file holds once written: daemon creates the file before it writes the number. */
    private static String awaitPid(Path file) throws Exception {
        String pid = "";
        for (int i = 0; i < 100 && !pid.matches("[0-9]+"); i++) {
            Thread.sleep(i == 0 ? 0 : 50);
            pid = Files.exists(file) ? Files.readString(file).trim() : "";
        }
        assertTrue(pid.matches("[0-9]+"), file + " holds a PID: '" + pid + "'");
        return pid;
    }
}
