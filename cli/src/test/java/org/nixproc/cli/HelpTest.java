package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --help and --version answer on standard output with exit status 0, wherever they stand. */
class HelpTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"nix-build", "nix-instantiate", "nix-store"})
    void helpAndVersion(String command) throws Exception {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString());
        CapturedRun help = CapturedRun.run(command, env, tmp.toString(), "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: " + command + " "), help.out());
        assertEquals("", help.err());
        CapturedRun version = CapturedRun.run(command, env, tmp.toString(), "--version");
        assertEquals(0, version.status(), version.err());
        assertEquals(command + " (nixproc) 2.8.0\n", version.out());
    }
}
