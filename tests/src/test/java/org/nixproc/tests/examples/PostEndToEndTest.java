package org.nixproc.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post's command lines in nix-examples/post, end to end with bin/, first as root, then as an
 * unprivileged user ({@code nobody}, home /home/sbu, also owning /home/sander), including the
 * init.d/nginx start run directly. The sequences are {@code src/test/resources/post/*.sh}.
 *
 * <p>They run in namespaces of their own (unshare): a network with only loopback, so the post's
 * fixed ports (80, 5000, 8080, ...) are free; empty /var and /home and a copy of /etc, so that
 * state, PID files and the users rcswitch creates stay inside. The examples are copied to a
 * temporary directory, where the result links go; the stores are temporary too.
 */
class PostEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void postCommandLinesAsRootAndUnprivileged() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (namespaces, users)");
        for (String p : List.of("unshare", "daemon", "nginx", "node", "curl", "setpriv", "ip")) {
            assumeTrue(Deployment.installed(p), "needs " + p);
        }
        Path repo = Deployment.repo();
        assumeTrue(Files.exists(repo.resolve("target/nixproc.jar")), "needs target/nixproc.jar (mvn package)");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path scripts = Path.of(getClass().getResource("/post/root.sh").toURI()).getParent();
        Path examples = tmp.resolve("nix-examples");
        run(tmp, "cp", "-a", repo.resolve("nix-examples").toString(), examples.toString());
        Path userStore = Files.createDirectories(tmp.resolve("user"));
        String path = repo.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        String env = "PATH=" + path + " POST=" + examples.resolve("post") + " NIXPROC_DAEMON=0 NIXPROC_KILL_DELAY=2 ";
        String setup = "set -e; ip link set lo up; mount -t tmpfs tmpfs /var; mount -t tmpfs tmpfs /home;"
                + " cp -a /etc " + tmp.resolve("etc") + "; mount --bind " + tmp.resolve("etc") + " /etc;"
                + " mkdir -p /home/sbu /home/sander; chown -R nobody:nogroup /home/sbu /home/sander " + userStore
                + " " + examples + ";"
                + " env -i HOME=/root " + env + "NIX_STORE_DIR=" + tmp.resolve("root/store") + " NIXPROC_STORE_STATE_DIR="
                + tmp.resolve("root/state") + " bash " + scripts.resolve("root.sh") + ";"
                // The multi-instance example's default stateDir is /home/sbu for both: root's state goes.
                + " rm -rf /home/sbu; mkdir /home/sbu; chown nobody:nogroup /home/sbu;"
                + " exec setpriv --reuid=nobody --regid=nogroup --clear-groups env -i HOME=/home/sbu " + env
                + "NIX_STORE_DIR=" + userStore.resolve("store") + " NIXPROC_STORE_STATE_DIR=" + userStore.resolve("state")
                + " bash " + scripts.resolve("unprivileged.sh");
        Result r = run(tmp, "unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "bash", "-c", setup);
        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains("== done\n") && r.output.indexOf("== done") != r.output.lastIndexOf("== done"),
                r.output);
    }

    private record Result(int status, String output) {
    }

    private static Result run(Path cwd, String... command) throws Exception {
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out));
    }
}
