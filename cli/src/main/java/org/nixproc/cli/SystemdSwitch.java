package org.nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.ControlCommand;
import org.nixproc.processmgmt.systemd.Systemctl;
import org.nixproc.processmgmt.systemd.SystemdUnits;
import org.nixproc.processmgmt.systemd.SystemdUnits.Unit;

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

    @Override
    protected int activate(Invocation inv, Options o, Path next, Path old, Accounts accounts) throws IOException {
        Path target = Path.of(env(inv, "SYSTEMD_TARGET_DIR",
                o.user ? env(inv, "HOME", System.getProperty("user.home")) + "/.config/systemd/user" : "/etc/systemd/system"));
        Files.createDirectories(target);
        Systemctl systemctl = new Systemctl(new ControlCommand(inv.env(), Bytes.path(inv.cwd())), inv.err(), o.user);
        Map<String, Unit> wanted = SystemdUnits.of(next);
        Map<String, Unit> previous = old == null ? Map.of() : SystemdUnits.of(old);

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
            status |= systemctl.run("stop", stop);
        }
        for (String name : stop) {
            if (!wanted.containsKey(name)) {
                SystemdUnits.unlink(target, name);
            }
        }
        for (var e : wanted.entrySet()) {
            SystemdUnits.link(target, e.getKey(), e.getValue());
        }
        status |= systemctl.run("daemon-reload", List.of());
        if (!wanted.isEmpty()) {
            status |= systemctl.run("start", new ArrayList<>(wanted.keySet()));
        }
        accounts.deleteObsolete();
        return status == 0 ? 0 : 1;
    }
}
