package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nixproc.processmgmt.sysvinit.Readiness;

/**
 * Waits until a started process is ready, as its package declares ({@link Readiness}): something
 * accepts connections on its port on 127.0.0.1, or its command exits 0 (run with {@code /bin/sh -c}
 * in the environment and directory the scripts get), tried every 200 ms until the timeout.
 */
final class ReadinessCheck {
    private static final long INTERVAL_MILLIS = 200;

    private final Map<String, String> env;
    private final Path cwd;

    ReadinessCheck(Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd;
    }

    /** Whether the process became ready within its timeout. */
    boolean await(Readiness r) throws InterruptedException {
        long deadline = System.nanoTime() + r.timeout().toNanos();
        while (true) {
            if (r.command() == null ? accepts(r.port()) : succeeds(r.command(), deadline)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) INTERVAL_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean succeeds(String command, long deadline) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            long left = Math.max(deadline - System.nanoTime(), Duration.ofMillis(INTERVAL_MILLIS).toNanos());
            if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
