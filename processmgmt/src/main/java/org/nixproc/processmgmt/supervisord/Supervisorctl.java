package org.nixproc.processmgmt.supervisord;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nixproc.processmgmt.ControlCommand;

/**
 * supervisorctl (and supervisord) for one configuration file: what nixproc-supervisord-switch and
 * the Disnix type supervisord-program share.
 */
public final class Supervisorctl {
    private final ControlCommand command;
    private final PrintStream err;
    private final Path conf;

    public Supervisorctl(ControlCommand command, PrintStream err, Path conf) {
        this.command = command;
        this.err = err;
        this.conf = conf;
    }

    /** Runs {@code supervisorctl ARGS}, its output to the error stream; its exit status. */
    public int run(String... args) throws IOException {
        ControlCommand.Result r = capture(args);
        err.print(r.out());
        return r.status();
    }

    private ControlCommand.Result capture(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("supervisorctl", "-c", conf.toString()));
        cmd.addAll(List.of(args));
        try {
            return command.run(cmd);
        } catch (IOException e) {
            throw new IOException("cannot run supervisorctl (install the Debian package supervisor): " + e.getMessage());
        }
    }

    /** Whether a supervisord answers on the configuration's control socket. */
    public boolean running() throws IOException {
        ControlCommand.Result r = capture("pid");
        return r.status() == 0 && r.out().strip().matches("[0-9]+");
    }

    /** Starts supervisord with the configuration and waits until it answers. */
    public void startDaemon() throws IOException {
        makeDirectories(Files.readString(conf));
        ControlCommand.Result r;
        try {
            r = command.run(List.of("supervisord", "-c", conf.toString()));
        } catch (IOException e) {
            throw new IOException("cannot run supervisord (install the Debian package supervisor): " + e.getMessage());
        }
        if (r.status() != 0) {
            throw new IOException("supervisord failed to start (exit code " + r.status() + "): " + r.out().strip());
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (!running()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("supervisord does not answer on its control socket (" + conf + ")");
            }
            pause();
        }
        err.println("started supervisord with " + conf);
    }

    /** Waits until the programs are RUNNING; returns those that failed or did not get there in time. */
    public List<String> awaitRunning(List<String> names, long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            List<String> args = new ArrayList<>(List.of("status"));
            args.addAll(names);
            Map<String, String> states = new TreeMap<>();
            for (String line : capture(args.toArray(String[]::new)).out().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2) {
                    states.put(f[0], f[1]);
                }
            }
            List<String> pending = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (String n : names) {
                String s = states.getOrDefault(n, "UNKNOWN");
                if (s.equals("FATAL") || s.equals("EXITED") || s.equals("UNKNOWN")) {
                    failed.add(n + " (" + s + ")");
                } else if (!s.equals("RUNNING")) {
                    pending.add(n);
                }
            }
            if (!failed.isEmpty()) {
                return failed;
            }
            if (pending.isEmpty()) {
                return List.of();
            }
            if (System.currentTimeMillis() > deadline) {
                return pending.stream().map(n -> n + " (" + states.get(n) + ")").toList();
            }
            pause();
        }
    }

    /** Shuts supervisord down and waits until it has exited, which it does once its programs have. */
    public int shutdown() throws IOException {
        String pid = capture("pid").out().strip();
        int status = run("shutdown");
        // Its control socket stops answering before its programs are stopped: wait for the process.
        long deadline = System.currentTimeMillis() + 60_000;
        while (runs(pid) && System.currentTimeMillis() < deadline) {
            pause();
        }
        if (runs(pid)) {
            err.println("error: supervisord (PID " + pid + ") has not exited 60 s after shutdown");
            return 1;
        }
        return status;
    }

    /** supervisord creates neither its log directory nor those of its PID file and socket. */
    public static void makeDirectories(String conf) throws IOException {
        Matcher m = Pattern.compile("(?m)^(logfile|pidfile|file|childlogdir)=(/\\S+)\\s*$").matcher(conf);
        while (m.find()) {
            Path p = Path.of(m.group(2));
            Files.createDirectories(m.group(1).equals("childlogdir") ? p : p.getParent());
        }
    }

    // Whether the process runs: it exists and is no zombie waiting for its parent (init) to reap it.
    private static boolean runs(String pid) {
        if (!pid.matches("[0-9]+")) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
