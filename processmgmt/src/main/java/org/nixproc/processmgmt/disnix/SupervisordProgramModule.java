package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.processmgmt.supervisord.Supervisorctl;

/**
 * Type {@code supervisord-program}: the package's {@code conf.d/NAME.conf} (createSupervisordProgram's
 * output) linked into the target's supervisord configuration directory ({@code SUPERVISORD_CONF_DIR},
 * default {@code STATE/disnix/supervisord}) and added with {@code supervisorctl update NAME}, once
 * RUNNING (else it is removed again); supervisord is started first when none answers, with a
 * supervisord.conf written there unless one exists. Deactivating removes the link and updates again, which stops the program;
 * the last program's removal shuts supervisord down.
 */
public final class SupervisordProgramModule implements ServiceModule {
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final TargetState state;

    SupervisordProgramModule(TargetState state) {
        this.state = state;
    }

    @Override
    public int activate(Path pkg) throws IOException {
        List<String> names = programs(pkg);
        if (names.isEmpty()) {
            state.err().println("error: '" + pkg + "' has no conf.d/*.conf (a supervisord-program service is createSupervisordProgram's)");
            return 1;
        }
        Path confD = confDir().resolve("conf.d");
        Files.createDirectories(confD);
        new PackageAccounts(state).create(pkg);
        Supervisorctl ctl = supervisorctl();
        if (!ctl.running()) {
            ctl.startDaemon();
        }
        for (String name : names) {
            Path link = confD.resolve(name + ".conf");
            Files.deleteIfExists(link);
            // To the package's file: deactivation removes only the links to its own package.
            Files.createSymbolicLink(link, pkg.resolve("conf.d").resolve(name + ".conf"));
        }
        List<String> update = new ArrayList<>(List.of("update"));
        update.addAll(names);
        int status = ctl.run(update.toArray(String[]::new));
        List<String> failed = ctl.awaitRunning(names, START_TIMEOUT_MILLIS);
        if (!failed.isEmpty()) {
            state.err().println("error: program(s) not running: " + String.join(", ", failed));
            // The coordinator's rollback deactivates only what activated: leave nothing of this service behind.
            deactivate(pkg);
            return 1;
        }
        return status == 0 ? 0 : 1;
    }

    @Override
    public int deactivate(Path pkg) throws IOException {
        Path confD = confDir().resolve("conf.d");
        List<String> names = new ArrayList<>();
        for (String name : programs(pkg)) {
            Path link = confD.resolve(name + ".conf");
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(pkg)) {
                Files.delete(link);
                names.add(name);
            }
        }
        int status = 0;
        Supervisorctl ctl = supervisorctl();
        if (!names.isEmpty() && ctl.running()) {
            List<String> update = new ArrayList<>(List.of("update"));
            update.addAll(names);
            status = confFiles(confD).isEmpty() ? ctl.shutdown() : ctl.run(update.toArray(String[]::new));
        }
        new PackageAccounts(state).delete(pkg);
        return status == 0 ? 0 : 1;
    }

    private Path confDir() {
        return Path.of(state.env("SUPERVISORD_CONF_DIR", state.dir().resolve("supervisord").toString()));
    }

    private Supervisorctl supervisorctl() throws IOException {
        Path dir = confDir();
        Path conf = dir.resolve("supervisord.conf");
        if (!Files.exists(conf)) {
            if (dir.toString().matches(".*[\\s%;].*")) {
                throw new IOException("the supervisord configuration directory '" + dir
                        + "' has blanks, '%' or ';', which supervisord's configuration cannot hold");
            }
            Files.createDirectories(dir);
            Files.writeString(conf, """
                    [supervisord]
                    logfile=%1$s/supervisord.log
                    pidfile=%1$s/supervisord.pid
                    childlogdir=%1$s/log

                    [unix_http_server]
                    file=%1$s/supervisord.sock
                    chmod=0700

                    [supervisorctl]
                    serverurl=unix://%1$s/supervisord.sock

                    [rpcinterface:supervisor]
                    supervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface

                    [include]
                    files=conf.d/*.conf
                    """.formatted(dir.toAbsolutePath()));
        }
        return new Supervisorctl(state.command(), state.err(), conf);
    }

    /** The names of the programs of the package: its conf.d/NAME.conf files. */
    private static List<String> programs(Path pkg) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path conf : confFiles(pkg.resolve("conf.d"))) {
            String file = conf.getFileName().toString();
            names.add(file.substring(0, file.length() - ".conf".length()));
        }
        return names;
    }

    private static List<Path> confFiles(Path confD) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(confD)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(confD, "*.conf")) {
                entries.forEach(files::add);
            }
        }
        files.sort(null);
        return files;
    }
}
