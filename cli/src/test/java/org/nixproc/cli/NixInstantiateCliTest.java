package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/nix-instantiate's store modes, in-process. */
class NixInstantiateCliTest {
    @TempDir
    Path tmp;

    private CapturedRun nixInstantiate(String... args) throws InterruptedException {
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(), "NIXPROC_STORE_STATE_DIR",
                tmp.resolve("state").toString(), "HOME", tmp.toString());
        return CapturedRun.run("nix-instantiate", env, tmp.toString(), args);
    }

    /**
     * An expression that imports from a source it interpolated (as compositions on
     * nix-processmgmt do): --eval alone cannot, as in Nix, since the copy is not made;
     * --read-write-mode makes it and goes on; --readonly-mode after it wins again.
     */
    @Test
    void readWriteModeCopiesSourcesForImports() throws Exception {
        Files.createDirectories(tmp.resolve("src"));
        Files.writeString(tmp.resolve("src/a.nix"), "{ answer = 42; }");
        Files.writeString(tmp.resolve("e.nix"), "let src = ./src; in (import \"${src}/a.nix\").answer");

        CapturedRun readOnly = nixInstantiate("--eval", "e.nix");
        assertEquals(1, readOnly.status());
        assertTrue(readOnly.err().matches("(?s)error: path '" + tmp.resolve("store") + "/[a-z0-9]{32}-src' is not valid\n.*"),
                readOnly.err());

        CapturedRun readWrite = nixInstantiate("--eval", "--read-write-mode", "e.nix");
        assertEquals(0, readWrite.status(), readWrite.err());
        assertEquals("42\n", readWrite.out());

        Files.createDirectories(tmp.resolve("other"));
        Files.writeString(tmp.resolve("f.nix"), "let src = ./other; in \"${src}\"");
        CapturedRun last = nixInstantiate("--eval", "--read-write-mode", "--readonly-mode", "f.nix");
        String copy = last.out().trim().replace("\"", "");
        assertTrue(copy.endsWith("-other") && !Files.exists(Path.of(copy)), last.out());
    }
}
