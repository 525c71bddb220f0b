package org.nixproc.processmgmt.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where host executables are looked up. */
class HostExecutablesTest {
    @TempDir
    Path tmp;

    @Test
    void systemDirectoriesFirstThenAbsolutePathEntries() throws Exception {
        Path exe = tmp.resolve("nixproc-test-tool");
        Files.writeString(exe, "#!/bin/sh\n");
        Path notExecutable = tmp.resolve("nixproc-test-data");
        Files.writeString(notExecutable, "");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("PATH", "relative:" + tmp);
        assertEquals(Optional.of(exe.toString()), HostExecutables.find("nixproc-test-tool", env));
        assertEquals(Optional.empty(), HostExecutables.find("nixproc-test-data", env));
        assertEquals(Optional.empty(), HostExecutables.find("nixproc-test-tool", Map.of()));
        assertEquals(Optional.empty(), HostExecutables.find("../bin/ls", env));
        // ls is in a system directory, which wins over PATH.
        Optional<String> ls = HostExecutables.find("ls", Map.of("PATH", tmp.toString()));
        assertTrue(ls.isPresent() && HostExecutables.SYSTEM_DIRS.contains(Path.of(ls.get()).getParent().toString()),
                ls.toString());
    }

    @Test
    void notFoundMessage() {
        assertEquals("nginx: executable 'nginx' not found in /usr/sbin, /usr/bin, /sbin, /bin or PATH;"
                + " install the Debian package nginx-light",
                HostExecutables.notFoundMessage("nginx", "nginx", "nginx-light"));
    }
}
