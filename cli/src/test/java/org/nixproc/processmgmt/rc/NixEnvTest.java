package org.nixproc.processmgmt.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nix-env -p PROFILE: --set and the generation operations, with Nix 2.8's layout and messages. */
class NixEnvTest {
    @TempDir
    Path tmp;

    @Test
    void setRollbackListAndDelete() throws Exception {
        try (RcFixture f = new RcFixture(tmp)) {
            Files.writeString(tmp.resolve("a"), "a\n");
            Files.writeString(tmp.resolve("b"), "b\n");
            assertEquals(0, f.run("nix-store", "--add-fixed", "sha256", "a", "b"), f.lastErr);
            String[] paths = f.lastOut.trim().split("\n");
            Path profile = Files.createDirectories(tmp.resolve("profiles")).resolve("p");

            assertEquals(0, f.run("nix-env", "-p", profile.toString(), "--set", paths[0]), f.lastErr);
            assertEquals(0, f.run("nix-env", "-p", profile.toString(), "--set", paths[1]), f.lastErr);
            // The current generation already points there: no new one.
            assertEquals(0, f.run("nix-env", "-p", profile.toString(), "--set", paths[1]), f.lastErr);
            assertEquals(Path.of("p-2-link"), Files.readSymbolicLink(profile));
            assertEquals(Path.of(paths[0]), Files.readSymbolicLink(profile.resolveSibling("p-1-link")));
            assertEquals(0, f.run("nix-env", "-p", profile.toString(), "--list-generations"));
            assertTrue(f.lastOut.matches("   1   \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d   \n"
                    + "   2   \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d   \\(current\\)\n"), f.lastOut);

            // Each generation is a garbage-collector root.
            assertEquals(0, f.run("nix-store", "--gc", "--print-roots"), f.lastErr);
            assertTrue(f.lastOut.contains(profile + "-1-link -> " + paths[0]), f.lastOut);

            assertEquals(0, f.run("nix-env", "-p", profile.toString(), "--rollback"));
            assertEquals("switching profile from version 2 to 1\n", f.lastErr);
            assertEquals(1, f.run("nix-env", "-p", profile.toString(), "--rollback"));
            assertEquals("error: no profile version older than the current (1) exists\n", f.lastErr);
            assertEquals(1, f.run("nix-env", "-p", profile.toString(), "--delete-generations", "1"));
            assertEquals("error: cannot delete current version of profile " + profile + "'\n", f.lastErr);
            assertEquals(0, f.run("nix-env", "-p", profile.toString(), "--delete-generations", "old"));
            assertEquals("removing profile version 2\n", f.lastErr);
            assertTrue(Files.notExists(profile.resolveSibling("p-2-link")));

            assertEquals(1, f.run("nix-env", "-p", profile.toString(), "--set", tmp.resolve("a").toString()));
            assertEquals("error: path '" + tmp.resolve("a") + "' is not in the Nix store\n", f.lastErr);
            assertEquals(1, f.run("nix-env", "-i", "hello"));
            assertTrue(f.lastErr.startsWith("error: unsupported flag '-i'"), f.lastErr);
            assertEquals(0, f.run("nix-env", "--help"));
            assertTrue(f.lastOut.startsWith("usage: nix-env -p PROFILE --set PATH\n"), f.lastOut);
        }
    }
}
