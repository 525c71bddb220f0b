package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nixproc.processmgmt.systemd.Systemctl;
import org.nixproc.processmgmt.systemd.SystemdUnits;

/**
 * Type {@code systemd-unit}: the package's units ({@code etc/systemd/system/*.service}, as
 * createSystemdService makes them) linked into {@code SYSTEMD_TARGET_DIR} (default
 * {@code /etc/systemd/system}), then {@code systemctl daemon-reload} and {@code start} (if that
 * fails, they are deactivated again).
 * Deactivating stops them, removes their links and reloads again.
 */
public final class SystemdUnitModule implements ServiceModule {
    private final TargetState state;

    SystemdUnitModule(TargetState state) {
        this.state = state;
    }

    @Override
    public int activate(Path pkg) throws IOException {
        Map<String, SystemdUnits.Unit> units = units(pkg);
        if (units == null) {
            return 1;
        }
        Path target = targetDir();
        Files.createDirectories(target);
        new PackageAccounts(state).create(pkg);
        for (var e : units.entrySet()) {
            SystemdUnits.link(target, e.getKey(), e.getValue());
        }
        Systemctl systemctl = systemctl();
        if (systemctl.run("daemon-reload", List.of()) != 0 || systemctl.run("start", new ArrayList<>(units.keySet())) != 0) {
            // The coordinator's rollback deactivates only what activated: leave nothing of this service behind.
            deactivate(pkg);
            return 1;
        }
        return 0;
    }

    @Override
    public int deactivate(Path pkg) throws IOException {
        Map<String, SystemdUnits.Unit> units = units(pkg);
        if (units == null) {
            return 1;
        }
        Path target = targetDir();
        List<String> linked = new ArrayList<>();
        for (var e : units.entrySet()) {
            Path link = target.resolve(e.getKey());
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(e.getValue().file())) {
                linked.add(e.getKey());
            }
        }
        if (linked.isEmpty()) {
            return 0;
        }
        Systemctl systemctl = systemctl();
        int status = systemctl.run("stop", linked);
        for (String name : linked) {
            SystemdUnits.unlink(target, name);
        }
        status |= systemctl.run("daemon-reload", List.of());
        new PackageAccounts(state).delete(pkg);
        return status == 0 ? 0 : 1;
    }

    private Map<String, SystemdUnits.Unit> units(Path pkg) throws IOException {
        Map<String, SystemdUnits.Unit> units = SystemdUnits.of(pkg);
        if (units.isEmpty()) {
            state.err().println("error: '" + pkg + "' has no etc/systemd/system/*.service (a systemd-unit service is createSystemdService's)");
            return null;
        }
        return units;
    }

    private Path targetDir() {
        return Path.of(state.env("SYSTEMD_TARGET_DIR", "/etc/systemd/system"));
    }

    private Systemctl systemctl() {
        return new Systemctl(state.command(), state.err(), false);
    }
}
