package org.nixproc.processmgmt.testdriver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a test deploys with one process manager inside its container: the command that moves the
 * processes from one profile to another, the processes a profile holds (by name, with the path
 * that says whether one changed), how to ask for a process's PID and for the manager's view of
 * the processes, and where the processes log.
 */
enum Backend {
    /** rcswitch over runlevel 3's directory, as the spec does it. */
    SYSVINIT("etc/rc.d/rc3.d", "S*"),
    /** nixproc-supervisord-deploy, supervisord with its configuration under the state directory. */
    SUPERVISORD("conf.d", "*.conf"),
    /** nixproc-systemd-deploy (--user for an unprivileged user), systemd as PID 1. */
    SYSTEMD("etc/systemd/system", "*.service");

    private final String dir;
    private final String glob;

    Backend(String dir, String glob) {
        this.dir = dir;
        this.glob = glob;
    }

    static Backend of(String processManager) {
        return valueOf(processManager.toUpperCase());
    }

    String processManager() {
        return name().toLowerCase();
    }

    /**
     * The command deploying {@code next} over {@code previous} (null: nothing deployed); with
     * {@code next} null, undeploying {@code previous} ({@code empty}: an empty profile or, for
     * sysvinit, an empty directory).
     */
    List<String> deployCommand(TestProfile profile, Path next, Path previous, String empty) {
        if (this == SYSVINIT) {
            List<String> cmd = new ArrayList<>(List.of("rcswitch", next == null ? empty : next.resolve(dir).toString()));
            if (previous != null) {
                cmd.add(previous.resolve(dir).toString());
            }
            return cmd;
        }
        List<String> cmd = new ArrayList<>(List.of("nixproc-" + processManager() + "-deploy", "--state-dir",
                profile.stateDir()));
        if (this == SYSTEMD && !profile.user().equals("root")) {
            cmd.add("--user");
        }
        if (previous != null) {
            cmd.addAll(List.of("-o", previous.toString()));
        }
        cmd.add(next == null ? empty : next.toString());
        return cmd;
    }

    /** The processes of a profile: name -> the file (links resolved) that defines it. */
    Map<String, Path> processes(Path profile) throws IOException {
        Map<String, Path> processes = new TreeMap<>();
        Path d = profile.resolve(dir);
        if (Files.isDirectory(d)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(d, glob)) {
                for (Path e : entries) {
                    String file = e.getFileName().toString();
                    processes.put(this == SYSVINIT ? file.replaceFirst("^S[0-9]*", "") : file.replaceFirst("\\.[a-z]+$", ""),
                            e.toRealPath());
                }
            }
        }
        return processes;
    }

    /** A shell command printing the PID of the process {@code name} of {@code profilePath}. */
    String pidCommand(TestProfile profile, Path profilePath, String name) {
        return switch (this) {
            case SYSVINIT -> "\"$(ls -d " + profilePath.resolve(dir) + "/S*" + name + " | head -1)\" status"
                    + " | grep -o 'Process ID(s) [0-9]*' | grep -o '[0-9]*$'";
            case SUPERVISORD -> "supervisorctl -c " + supervisordConf(profile) + " pid " + name;
            case SYSTEMD -> systemctl(profile) + " show -p MainPID --value " + name + ".service";
        };
    }

    /** A shell command showing the state of the deployed processes, as the process manager sees it. */
    String statusCommand(TestProfile profile, Path profilePath) throws IOException {
        return switch (this) {
            case SYSVINIT -> "rcactivity status " + profilePath.resolve(dir);
            case SUPERVISORD -> "supervisorctl -c " + supervisordConf(profile) + " status";
            case SYSTEMD -> "for u in " + String.join(" ", processes(profilePath).keySet()) + "; do echo \"$u.service:"
                    + " $(" + systemctl(profile) + " is-active \"$u.service\")\"; done";
        };
    }

    /** A shell command printing the last lines the processes logged. */
    String logsCommand(TestProfile profile) {
        if (this == SYSTEMD) {
            return "journalctl --no-pager -q -n 40" + (profile.user().equals("root") ? "" : " _UID=$(id -u " + profile.user() + ")");
        }
        // sysvinit's daemon writes nixproc-NAME.log; supervisord NAME-stdout---supervisor-*.log.
        String files = this == SYSVINIT ? "nixproc-*.log" : "*.log";
        String dirs = String.join(" ", profile.stateDir() + "/log", profile.stateDir() + "/tmp", "/tmp");
        return "for d in " + dirs + "; do for f in \"$d\"/" + files + "; do [ -s \"$f\" ] || continue;"
                + " echo \"last lines of $f:\"; tail -n 20 \"$f\" | sed 's/^/  /'; done; done";
    }

    private static String supervisordConf(TestProfile profile) {
        return profile.stateDir() + "/lib/supervisord/supervisord.conf";
    }

    private static String systemctl(TestProfile profile) {
        return profile.user().equals("root") ? "systemctl" : "systemctl --user";
    }
}
