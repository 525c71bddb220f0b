package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code SCRIPT ACTIVITY}, streaming the script's output to the command's own streams as it
 * comes. The script's exit ends the run, not the end of its output: a daemon started in the
 * background may keep the pipes open for as long as it lives.
 */
public final class ScriptRunner {
    private static final long DRAIN_MILLIS = 300;

    private final Map<String, String> env;
    private final Path cwd;
    private final PrintStream out;
    private final PrintStream err;

    public ScriptRunner(Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
        this.env = env;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
    }

    /** Runs the script with the activity as its argument; returns its exit status (127 if it cannot run). */
    public int run(Path script, String activity) {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), activity);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(cwd.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            err.println("error: cannot run '" + script + "': " + e.getMessage());
            return 127;
        }
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        try {
            int status = p.waitFor();
            o.join(DRAIN_MILLIS);
            e.join(DRAIN_MILLIS);
            out.flush();
            err.flush();
            return status;
        } catch (InterruptedException ex) {
            p.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static Thread pump(InputStream in, OutputStream to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // The script is gone; so is what was left to copy.
            }
        }, "rc-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
