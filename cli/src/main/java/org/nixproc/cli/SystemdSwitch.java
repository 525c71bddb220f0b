package org.nixproc.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code nixproc-systemd-switch [--user]} (and {@code nixproc-systemd-deploy PROFILE}): links the
 * units of a systemd profile (etc/systemd/system/*.service and their .wants/ folders) into
 * {@code SYSTEMD_TARGET_DIR} (default {@code /etc/systemd/system}, with --user
 * {@code ~/.config/systemd/user}), stops the units that disappeared or changed (by content), runs
 * daemon-reload and starts the profile's units, in one transaction so that systemd orders them by
 * their After=. Unchanged units keep running.
 */
public class SystemdSwitch extends ProcessManagerSwitch {
    public SystemdSwitch() {
        this(false);
    }

    SystemdSwitch(boolean deployOnly) {
        super("systemd", deployOnly);
    }

    /** {@code nixproc-systemd-deploy PROFILE}. */
    public static final class Deploy extends SystemdSwitch {
        public Deploy() {
            super(true);
        }
    }

    @Override
    protected boolean takesUserFlag() {
        return true;
    }

    /** A unit of a profile: its file and its contents, with those of its .wants/ folder. */
    private record Unit(Path file, Path wants, String identity) {
    }

    @Override
    protected int activate(Invocation inv, Options o, Path next, Path old, Accounts accounts) throws IOException {
        Path target = Path.of(env(inv, "SYSTEMD_TARGET_DIR",
                o.user ? env(inv, "HOME", System.getProperty("user.home")) + "/.config/systemd/user" : "/etc/systemd/system"));
        Files.createDirectories(target);
        Map<String, Unit> wanted = units(next);
        Map<String, Unit> previous = old == null ? Map.of() : units(old);

        List<String> stop = new ArrayList<>();
        previous.forEach((name, unit) -> {
            Unit w = wanted.get(name);
            if (w == null || !w.identity().equals(unit.identity())) {
                stop.add(name);
            }
        });
        accounts.create();
        int status = 0;
        if (!stop.isEmpty()) {
            status |= systemctl(inv, o, "stop", stop);
        }
        for (String name : stop) {
            if (!wanted.containsKey(name)) {
                Files.deleteIfExists(target.resolve(name));
                Files.deleteIfExists(target.resolve(name + ".wants"));
            }
        }
        for (var e : wanted.entrySet()) {
            relink(target.resolve(e.getKey()), e.getValue().file());
            Path wantsLink = target.resolve(e.getKey() + ".wants");
            if (e.getValue().wants() != null) {
                relink(wantsLink, e.getValue().wants());
            } else {
                Files.deleteIfExists(wantsLink);
            }
        }
        status |= systemctl(inv, o, "daemon-reload", List.of());
        if (!wanted.isEmpty()) {
            status |= systemctl(inv, o, "start", new ArrayList<>(wanted.keySet()));
        }
        accounts.deleteObsolete();
        return status == 0 ? 0 : 1;
    }

    private static Map<String, Unit> units(Path profile) throws IOException {
        Map<String, Unit> units = new TreeMap<>();
        Path dir = profile.resolve("etc/systemd/system");
        if (!Files.isDirectory(dir)) {
            return units;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.service")) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                Path wants = dir.resolve(name + ".wants");
                StringBuilder identity = new StringBuilder(Files.readString(e));
                Path wantsReal = null;
                if (Files.isDirectory(wants)) {
                    wantsReal = wants.toRealPath();
                    String[] deps = Objects.requireNonNullElse(wants.toFile().list(), new String[0]);
                    Arrays.sort(deps);
                    identity.append("\0wants:").append(String.join(",", deps));
                }
                units.put(name, new Unit(e.toRealPath(), wantsReal, identity.toString()));
            }
        }
        return units;
    }

    private static void relink(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return;
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static int systemctl(Invocation inv, Options o, String verb, List<String> units) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        if (o.user) {
            cmd.add("--user");
        }
        cmd.add(verb);
        cmd.addAll(units);
        CapturedRun r;
        try {
            r = exec(inv, cmd);
        } catch (IOException e) {
            throw new IOException("cannot run systemctl: " + e.getMessage());
        }
        inv.err().print(r.out());
        if (r.status() != 0) {
            inv.err().println("error: 'systemctl " + String.join(" ", cmd.subList(1, cmd.size())) + "' failed (exit code "
                    + r.status() + ")");
        }
        return r.status();
    }
}
