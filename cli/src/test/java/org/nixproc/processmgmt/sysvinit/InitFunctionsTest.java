package org.nixproc.processmgmt.sysvinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
        assertEquals(0, sh("echo $$ > " + pid + "; pidofproc -p " + pid + " /bin/sh >/dev/null").status());
    }
}
