package org.nixproc.processmgmt.rc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.processmgmt.sysvinit.CredentialFiles;

/**
 * The users and groups a process runs as, created before it starts and deleted after it stops.
 *
 * <p>The declarations are read with {@link CredentialFiles} (the format's one owner), which
 * skips invalid names: nothing read reaches groupadd, useradd or userdel as an option. Accounts are only touched
 * as root, and never when the profile was built with {@code forceDisableUserChange} (marker file
 * {@code .force-disable-user-change} at the profile's top or in the script's package, where the
 * sysvinit builder puts it): otherwise a note
 * says what was skipped.
 */
public final class Credentials {
    /** Runs an administration command (groupadd, ...); returns its exit status. Replaceable in tests. */
    public interface Admin {
        int run(List<String> command);
    }

    static final String MARKER = ".force-disable-user-change";

    private final boolean enabled;
    private final Admin admin;
    private final PrintStream err;

    public Credentials(boolean enabled, Admin admin, PrintStream err) {
        this.enabled = enabled;
        this.admin = admin;
        this.err = err;
    }

    /** Whether accounts may be changed: as root, and when no marker disables user changes. */
    public static boolean allowed(Path profileRoot) {
        if (profileRoot != null && Files.exists(profileRoot.resolve(MARKER))) {
            return false;
        }
        return isRoot();
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Creates the groups, then the users, the scripts' packages declare and the system lacks.
     * A user declared with {@code createHomeDirOnly=1} (what a package built with
     * forceDisableUserChange declares) only gets its home directory, and so does every user with
     * {@code createHomeDir=1} when accounts may not be changed.
     */
    public void create(List<RcScript> scripts) {
        Map<String, Map<String, String>> groups = collect(scripts, CredentialFiles.GROUPS);
        Map<String, Map<String, String>> users = collect(scripts, CredentialFiles.USERS);
        Map<String, Map<String, String>> accounts = new LinkedHashMap<>(users);
        accounts.values().removeIf(p -> "1".equals(p.get("createHomeDirOnly")));
        boolean disabled = !enabled || scripts.stream().anyMatch(s -> Files.exists(s.packageRoot().resolve(MARKER)));
        if (disabled && !(groups.isEmpty() && accounts.isEmpty())) {
            err.println("note: not creating users " + accounts.keySet() + " and groups " + groups.keySet()
                    + (isRoot() ? " (user changes disabled)" : " (not root)"));
        }
        if (!disabled) {
            for (var g : groups.entrySet()) {
                if (admin.run(List.of("getent", "group", g.getKey())) != 0) {
                    List<String> cmd = new ArrayList<>(List.of("groupadd"));
                    if (g.getValue().containsKey("gid")) {
                        cmd.addAll(List.of("-g", g.getValue().get("gid")));
                    }
                    cmd.addAll(List.of("--", g.getKey()));
                    check(cmd);
                }
            }
            for (var u : accounts.entrySet()) {
                if (admin.run(List.of("getent", "passwd", u.getKey())) != 0) {
                    check(useradd(u.getKey(), u.getValue()));
                }
            }
        }
        for (var u : users.entrySet()) {
            boolean homeOnly = disabled || "1".equals(u.getValue().get("createHomeDirOnly"));
            String home = u.getValue().get("homeDir");
            if (homeOnly && home != null && !home.isEmpty() && "1".equals(u.getValue().get("createHomeDir"))) {
                try {
                    Files.createDirectories(Path.of(home));
                } catch (IOException | RuntimeException e) {
                    err.println("warning: cannot create home directory '" + home + "' of user '" + u.getKey() + "': " + e);
                }
            }
        }
    }

    /** Deletes the users, then the groups, of the scripts' packages that {@code kept} do not also declare. */
    public void delete(List<RcScript> scripts, List<RcScript> kept) {
        Map<String, Map<String, String>> groups = collect(scripts, CredentialFiles.GROUPS);
        Map<String, Map<String, String>> users = collect(scripts, CredentialFiles.USERS);
        groups.keySet().removeAll(collect(kept, CredentialFiles.GROUPS).keySet());
        users.keySet().removeAll(collect(kept, CredentialFiles.USERS).keySet());
        users.values().removeIf(p -> "1".equals(p.get("createHomeDirOnly")));
        if (groups.isEmpty() && users.isEmpty()) {
            return;
        }
        if (!enabled || scripts.stream().anyMatch(s -> Files.exists(s.packageRoot().resolve(MARKER)))) {
            err.println("note: not deleting users " + users.keySet() + " and groups " + groups.keySet()
                    + (isRoot() ? " (user changes disabled)" : " (not root)"));
            return;
        }
        for (String u : users.keySet()) {
            if (admin.run(List.of("getent", "passwd", u)) == 0) {
                check(List.of("userdel", "--", u));
            }
        }
        for (String g : groups.keySet()) {
            if (admin.run(List.of("getent", "group", g)) == 0) {
                check(List.of("groupdel", "--", g));
            }
        }
    }

    private static List<String> useradd(String name, Map<String, String> p) {
        List<String> cmd = new ArrayList<>(List.of("useradd"));
        if (p.containsKey("uid")) {
            cmd.addAll(List.of("-u", p.get("uid")));
        }
        if (p.containsKey("group")) {
            cmd.addAll(List.of("-g", p.get("group")));
        }
        if (p.containsKey("extraGroups") && !p.get("extraGroups").isBlank()) {
            cmd.addAll(List.of("-G", String.join(",", p.get("extraGroups").trim().split("[\\s,]+"))));
        }
        if (p.containsKey("description")) {
            cmd.addAll(List.of("-c", p.get("description")));
        }
        if (p.containsKey("homeDir")) {
            cmd.addAll(List.of("-d", p.get("homeDir")));
        }
        cmd.add("1".equals(p.get("createHomeDir")) ? "-m" : "-M");
        cmd.addAll(List.of("-s", p.getOrDefault("shell", "/bin/false"), "--", name));
        return cmd;
    }

    private void check(List<String> cmd) {
        int status = admin.run(cmd);
        if (status != 0) {
            err.println("warning: '" + String.join(" ", cmd) + "' failed with exit code " + status);
        }
    }

    // Declarations by name, in script order (the first declaration of a name wins).
    private Map<String, Map<String, String>> collect(List<RcScript> scripts, String kind) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (RcScript s : scripts) {
            CredentialFiles.read(s.packageRoot(), kind, m -> err.println("warning: " + m)).forEach(all::putIfAbsent);
        }
        return all;
    }

    /** Runs administration commands as child processes, their output to {@code err}. */
    public static Admin system(PrintStream err) {
        return cmd -> {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                byte[] output = p.getInputStream().readAllBytes();
                int status = p.waitFor();
                if (status != 0 && !"getent".equals(cmd.get(0))) {
                    err.write(output);
                }
                return status;
            } catch (IOException e) {
                return 127;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        };
    }
}
