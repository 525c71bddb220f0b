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
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.ControlCommand;
import org.nixproc.processmgmt.supervisord.Supervisorctl;

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
        Supervisorctl ctl = new Supervisorctl(new ControlCommand(inv.env(), Bytes.path(inv.cwd())), inv.err(), conf);

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

    private static void relink(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
