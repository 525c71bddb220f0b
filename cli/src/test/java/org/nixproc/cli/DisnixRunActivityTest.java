package org.nixproc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("NIX_STORE_DIR", tmp.resolve("store").toString(),
                "NIXPROC_STORE_STATE_DIR", tmp.resolve("state").toString(), "PATH", "/usr/bin:/bin");
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

    @Test
    void badRequestsAreRefusedClearly() {
        Result r = run("", "activate", "tomcat-webapplication", "/s/x");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("error: unsupported service type 'tomcat-webapplication'\n"), r.err());
        r = run("", "activate", "sysvinit-script", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("has no etc/rc.d/rc3.d"), r.err());
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
