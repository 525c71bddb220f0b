package org.nixproc.processmgmt.packages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the host's executables that the package set's host packages link to: first in the
 * system directories where Debian installs them, then in PATH. The path found is kept as found
 * (not resolved through symlinks such as /etc/alternatives), so that it stays valid on another
 * Debian machine with the same package installed.
 */
public final class HostExecutables {
    /** The directories searched first, in order. */
    public static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private HostExecutables() {
    }

    /** The absolute path of executable {@code name}, searching {@link #SYSTEM_DIRS} then PATH. */
    public static Optional<String> find(String name, Map<String, String> environment) {
        if (name.isEmpty() || name.contains("/")) {
            return Optional.empty();
        }
        for (String dir : searchDirs(environment)) {
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static List<String> searchDirs(Map<String, String> environment) {
        List<String> dirs = new ArrayList<>(SYSTEM_DIRS);
        String path = environment.getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            // Relative PATH entries would make the result depend on the working directory.
            if (d.startsWith("/") && !dirs.contains(d)) {
                dirs.add(d);
            }
        }
        return dirs;
    }

    /** The error for a required executable that is missing (the wording the package set documents). */
    public static String notFoundMessage(String pkg, String executable, String debianPackage) {
        return pkg + ": executable '" + executable + "' not found in /usr/sbin, /usr/bin, /sbin, /bin or PATH;"
                + " install the Debian package " + debianPackage;
    }
}
