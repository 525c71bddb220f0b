package org.nixproc.processmgmt.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directories made before a switch, as nix-processmgmt's nixproc-init-state makes them. */
class StateTreeTest {
    @TempDir
    Path tmp;

    @Test
    void makesTheTreeWithAStickyWorldWritableTmp() throws Exception {
        Path state = tmp.resolve("var");
        StateTree.make(Map.of("NIXPROC_STATE_DIR", state.toString()), false);
        for (String d : new String[] {"run", "log", "cache", "spool", "lock", "lib", "tmp"}) {
            assertTrue(Files.isDirectory(state.resolve(d)), d);
        }
        assertEquals(01777, (int) Files.getAttribute(state.resolve("tmp"), "unix:mode") & 07777);
        // Made again: nothing changes, nothing fails.
        StateTree.make(Map.of("NIXPROC_STATE_DIR", state.toString()), false);
    }

    @Test
    void overridesAndDisabledUserChange() throws Exception {
        Path state = tmp.resolve("var");
        Path logs = tmp.resolve("elsewhere/log");
        StateTree.make(Map.of("NIXPROC_STATE_DIR", state.toString(), "NIXPROC_LOG_DIR", logs.toString()), true);
        assertTrue(Files.isDirectory(logs));
        assertTrue(Files.notExists(state.resolve("log")));
        assertEquals(0, (int) Files.getAttribute(state.resolve("tmp"), "unix:mode") & 01002);
    }

    /** rcswitch makes the tree before starting anything. */
    @Test
    void rcswitchMakesIt() throws Exception {
        Path state = tmp.resolve("var");
        try (RcFixture f = new RcFixture(tmp.resolve("rc"))) {
            Path rc3 = f.profile("p1", f.script("a", "1", false));
            f.env("NIXPROC_STATE_DIR", state.toString());
            assertEquals(0, f.run("rcswitch", rc3.toString()), f.lastErr);
        }
        assertTrue(Files.isDirectory(state.resolve("run")) && Files.isDirectory(state.resolve("tmp")));
    }
}
