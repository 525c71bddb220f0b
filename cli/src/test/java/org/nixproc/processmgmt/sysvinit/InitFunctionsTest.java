package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell library of init-functions.nix, sourced by /bin/sh: messages, exit codes, PID files. */
class InitFunctionsTest {
    @TempDir
    Path tmp;

    private SysVInitFixture fx;
    private Path functions;

    private SysVInitFixture.Run sh(String code) throws Exception {
        if (fx == null) {
            fx = new SysVInitFixture(tmp);
            functions = fx.buildFile("f.nix", "import <nixproc/backends/sysvinit/init-functions.nix> { runtimeDir = \""
                    + tmp.resolve("run") + "\"; }", null);
            Files.createDirectories(tmp.resolve("run"));
        }
        return fx.exec(Map.of(), "/bin/sh", "-c", ". " + functions + "\n" + code);
    }

    @Test
    void messagesWithoutTerminal() throws Exception {
        assertEquals("Starting x... OK\n", sh("log_info_msg 'Starting x...'; true; evaluate_retval").out());
        SysVInitFixture.Run fail = sh("log_info_msg 'Starting x...'; false; evaluate_retval");
        assertEquals("Starting x... FAIL\n", fail.out());
        assertEquals(1, fail.status());
        assertEquals("done OK\nbad FAIL\nhmm WARN\n",
                sh("log_success_msg done; log_failure_msg bad; log_warning_msg hmm").out());
    }

    @Test
    void statusCodesAndStalePidFiles() throws Exception {
        Path pid = tmp.resolve("run/prog.pid");
        assertEquals(3, sh("pidofproc -p " + pid + " /bin/prog").status());
        SysVInitFixture.Run none = sh("statusproc /nonexistent/prog");
        assertEquals(3, none.status());
        assertEquals("prog is not running.\n", none.out());
        Files.writeString(tmp.resolve("run/prog.pid"), "999999\n");
        SysVInitFixture.Run dead = sh("statusproc /nonexistent/prog");
        assertEquals(1, dead.status());
        assertEquals("prog is not running but " + pid + " exists.\n", dead.out());
        // start_daemon removes the stale file and starts; the default PID file is in runtimeDir.
        assertEquals(0, sh("start_daemon /bin/true").status());
        assertEquals(0, sh("start_daemon -p " + pid + " /bin/true").status());
        assertFalse(Files.exists(pid));
        assertEquals(5, sh("start_daemon /nonexistent/prog").status());
        assertEquals(0, sh("killproc -p " + pid + " /bin/prog").status());
        assertEquals(7, sh("killproc -p " + pid + " /bin/prog -HUP").status());
        assertEquals(0, sh("/bin/sleep 30 & echo $! > " + pid + "; pidofproc -p " + pid + " /bin/sleep >/dev/null;"
                + " s=$?; kill $!; exit $s").status());
    }

    /** A PID file naming a live process that does not run the program is stale: nothing is signalled. */
    @Test
    void pidOfAnotherProgramIsNotBelieved() throws Exception {
        Path pid = tmp.resolve("run/prog.pid");
        SysVInitFixture.Run r = sh("sleep 30 & other=$!; echo $other > " + pid + ";"
                + " pidofproc -p " + pid + " /bin/true; echo \"pidofproc $?\";"
                + " statusproc -p " + pid + " /bin/true >/dev/null; echo \"statusproc $?\";"
                + " killproc -p " + pid + " /bin/true; echo \"killproc $?\";"
                + " kill -0 $other && echo alive; kill $other");
        assertEquals("pidofproc 1\nstatusproc 1\nkillproc 0\nalive\n", r.out(), r.err());
        assertFalse(Files.exists(pid), "stale PID file removed");
    }

    /**
     * Without a PID file the program is found by its executable, never by a name a script shares:
     * a script called like the program (as an init script is) is not taken for it.
     */
    @Test
    void scriptNamedLikeTheProgramIsNotTheProgram() throws Exception {
        sh("true");
        Path prog = tmp.resolve("bin/prog");
        Files.createDirectories(prog.getParent());
        Files.writeString(prog, "#!/bin/sh\nsleep 30\nexit 0\n");
        prog.toFile().setExecutable(true);
        Path script = tmp.resolve("init.d/prog");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\n. " + functions + "\npidofproc " + prog + "; echo \"status $?\"\n");
        script.toFile().setExecutable(true);
        SysVInitFixture.Run r = fx.exec(Map.of(), script.toString());
        assertEquals("status 3\n", r.out(), r.err());
        SysVInitFixture.Run running = fx.exec(Map.of(), "/bin/sh", "-c",
                "sleep 30 & s=$!; " + script + "; kill $s");
        assertEquals("status 3\n", running.out(), "sleep is not prog either");
        SysVInitFixture.Run real = fx.exec(Map.of(), "/bin/sh", "-c", "/bin/sh " + prog + " & p=$!; sleep 0.3; "
                + script + "; kill $p");
        assertTrue(real.out().matches("[0-9 ]+\nstatus 0\n"), real.out());
    }
}
