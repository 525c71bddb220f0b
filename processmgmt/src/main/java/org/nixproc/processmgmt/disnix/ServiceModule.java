package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How a service of one type is activated and deactivated on its target (Dysnomia's modules): a
 * sysvinit script started with rcswitch, a program of supervisord, a unit of systemd, a process
 * run in the background, a wrapper's own activate/deactivate, or a package that is only installed.
 */
public interface ServiceModule {
    /** Starts the service; its exit status. */
    int activate(Path pkg) throws IOException, InterruptedException;

    /** Stops the service; its exit status. */
    int deactivate(Path pkg) throws IOException, InterruptedException;

    static ServiceModule forType(String type, TargetState state) {
        return switch (type) {
            case "sysvinit-script" -> new SysvinitScriptModule(state);
            case "process" -> new ProcessModule(state);
            case "wrapper" -> new WrapperModule(state);
            case "supervisord-program" -> new SupervisordProgramModule(state);
            case "systemd-unit" -> new SystemdUnitModule(state);
            case "package" -> new PackageModule();
            default -> throw new IllegalArgumentException("unsupported service type '" + type + "'");
        };
    }
}
