package org.nixproc.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nixproc-supervisord-switch} (and {@code nixproc-supervisord-deploy PROFILE}): deploys a
 * supervisord profile (conf.d/NAME.conf and supervisord.conf) into {@code SUPERVISORD_CONF_DIR}
 * (default {@code STATEDIR/lib/supervisord}), whose {@code conf.d/} links are what supervisord
 * runs. Starts supervisord with that configuration when none answers on its control socket. A
 * program whose configuration did not change is left running; obsolete and changed ones are
 * stopped and removed, then new and changed ones are added in priority order, each priority only
 * once those before it are RUNNING (supervisord's priority alone does not wait). An empty profile
 * (--undeploy) shuts supervisord down, which stops its programs.
 */
public class SupervisordSwitch extends ProcessManagerSwitch {
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final Pattern PRIORITY = Pattern.compile("(?m)^priority=([0-9]+)\\s*$");

    public SupervisordSwitch() {
        this(false);
    }

    SupervisordSwitch(boolean deployOnly) {
        super("supervisord", deployOnly);
    }

    /** {@code nixproc-supervisord-deploy PROFILE}. */
    public static final class Deploy extends SupervisordSwitch {
        public Deploy() {
            super(true);
        }
    }

    @Override
    protected int activate(Invocation inv, Options o, Path next, Path old, Accounts accounts) throws IOException {
        Path confDir = Path.of(env(inv, "SUPERVISORD_CONF_DIR",
                (o.stateDir == null ? "/var" : o.stateDir) + "/lib/supervisord"));
        Path confD = confDir.resolve("conf.d");
        Path conf = confDir.resolve("supervisord.conf");
        Path profileConf = next.resolve("supervisord.conf");
        if (!Files.isRegularFile(profileConf)) {
            throw new IllegalArgumentException("'" + next + "' is not a supervisord profile: it has no supervisord.conf");
        }
        Files.createDirectories(confD);
        relink(conf, profileConf.toRealPath());
        makeDirectories(Files.readString(profileConf));
        Supervisorctl ctl = new Supervisorctl(inv, conf);

        Map<String, Path> wanted = programs(next.resolve("conf.d"));
        if (!ctl.running()) {
            // Nothing runs: start from an empty conf.d, so that programs are added in order below.
            for (String name : programs(confD).keySet()) {
                Files.deleteIfExists(confD.resolve(name + ".conf"));
            }
            if (wanted.isEmpty()) {
                accounts.deleteObsolete();
                return 0;
            }
            ctl.startDaemon();
        }
        Map<String, Path> current = programs(confD);
        List<String> stop = new ArrayList<>();
        current.forEach((name, target) -> {
            if (!target.equals(wanted.get(name))) {
                stop.add(name);
            }
        });
        for (String name : stop) {
            Files.deleteIfExists(confD.resolve(name + ".conf"));
        }
        int status = 0;
        if (wanted.isEmpty()) {
            // supervisord stops all its programs at once on shutdown; update would stop them one by one.
            status |= ctl.shutdown();
            accounts.deleteObsolete();
            return status == 0 ? 0 : 1;
        }
        if (!stop.isEmpty()) {
            status |= ctl.run("update");
        }
        accounts.deleteObsolete();
        accounts.create();

        TreeMap<Integer, List<String>> byPriority = new TreeMap<>();
        for (var e : wanted.entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                byPriority.computeIfAbsent(priority(e.getValue()), p -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (List<String> names : byPriority.values()) {
            for (String name : names) {
                relink(confD.resolve(name + ".conf"), wanted.get(name));
            }
            List<String> update = new ArrayList<>(List.of("update"));
            update.addAll(names);
            status |= ctl.run(update.toArray(String[]::new));
            List<String> failed = ctl.awaitRunning(names, START_TIMEOUT_MILLIS);
            if (!failed.isEmpty()) {
                inv.err().println("error: program(s) not running: " + String.join(", ", failed));
                return 1;
            }
        }
        return status == 0 ? 0 : 1;
    }

    /** NAME -> the configuration file (links resolved) of each conf.d/NAME.conf. */
    private static Map<String, Path> programs(Path confD) throws IOException {
        Map<String, Path> programs = new TreeMap<>();
        if (!Files.isDirectory(confD)) {
            return programs;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(confD, "*.conf")) {
            for (Path e : entries) {
                String file = e.getFileName().toString();
                Path target = Files.exists(e) ? e.toRealPath() : e;
                programs.put(file.substring(0, file.length() - ".conf".length()), target);
            }
        }
        return programs;
    }

    private static int priority(Path conf) throws IOException {
        Matcher m = PRIORITY.matcher(Files.readString(conf));
        return m.find() ? Integer.parseInt(m.group(1)) : 999;
    }

    // supervisord creates neither its log directory nor those of its PID file and socket.
    private static void makeDirectories(String conf) throws IOException {
        Matcher m = Pattern.compile("(?m)^(logfile|pidfile|file|childlogdir)=(/\\S+)\\s*$").matcher(conf);
        while (m.find()) {
            Path p = Path.of(m.group(2));
            Files.createDirectories(m.group(1).equals("childlogdir") ? p : p.getParent());
        }
    }

    private static void relink(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    /** supervisorctl (and supervisord) for one configuration file. */
    private static final class Supervisorctl {
        private final Invocation inv;
        private final Path conf;

        Supervisorctl(Invocation inv, Path conf) {
            this.inv = inv;
            this.conf = conf;
        }

        int run(String... args) throws IOException {
            CapturedRun r = capture(args);
            inv.err().print(r.out());
            return r.status();
        }

        private CapturedRun capture(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("supervisorctl", "-c", conf.toString()));
            cmd.addAll(List.of(args));
            try {
                return exec(inv, cmd);
            } catch (IOException e) {
                throw new IOException("cannot run supervisorctl (install the Debian package supervisor): " + e.getMessage());
            }
        }

        boolean running() throws IOException {
            CapturedRun r = capture("pid");
            return r.status() == 0 && r.out().strip().matches("[0-9]+");
        }

        void startDaemon() throws IOException {
            CapturedRun r;
            try {
                r = exec(inv, List.of("supervisord", "-c", conf.toString()));
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
            inv.err().println("started supervisord with " + conf);
        }

        /** Waits until the programs are RUNNING; returns those that failed or did not get there in time. */
        List<String> awaitRunning(List<String> names, long timeoutMillis) throws IOException {
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
        int shutdown() throws IOException {
            String pid = capture("pid").out().strip();
            int status = run("shutdown");
            // Its control socket stops answering before its programs are stopped: wait for the process.
            long deadline = System.currentTimeMillis() + 60_000;
            while (runs(pid) && System.currentTimeMillis() < deadline) {
                pause();
            }
            if (runs(pid)) {
                inv.err().println("error: supervisord (PID " + pid + ") has not exited 60 s after shutdown");
                return 1;
            }
            return status;
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
}
