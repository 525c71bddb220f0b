package org.nixproc.processmgmt.sysvinit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The credentials format, the one place that writes and reads it (that of Dysnomia's
 * sysvinit-script plugin): a package holds {@code dysnomia-support/groups/NAME} and
 * {@code dysnomia-support/users/NAME}, each of {@code key=value} lines ({@link KeyValueFile}):
 * for a group {@code gid}; for a user {@code uid}, {@code group}, {@code extraGroups},
 * {@code description}, {@code homeDir}, {@code createHomeDir=1}, {@code shell}, and
 * {@code createHomeDirOnly=1} for a user whose account is not to be touched, only its home
 * directory made (what a package built with forceDisableUserChange may declare).
 *
 * <p>Names are checked where they are written and where they are read: a user or group name is
 * what useradd accepts without {@code --badname} (it never starts with {@code -}, so it cannot be
 * read as an option), a property name a plain identifier (so it cannot add a line).
 */
public final class CredentialFiles {
    public static final String DIR = "dysnomia-support";
    public static final String GROUPS = "groups";
    public static final String USERS = "users";

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,30}\\$?");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private CredentialFiles() {
    }

    /** Whether {@code name} may name a user or group. */
    public static boolean validAccount(String name) {
        return ACCOUNT.matcher(name).matches();
    }

    /** Whether {@code name} may name a property of a user or group. */
    public static boolean validProperty(String name) {
        return PROPERTY.matcher(name).matches();
    }

    /** The relative path of a declaration, {@code groups/NAME} or {@code users/NAME}, of a valid name. */
    public static String relative(String kind, String name) {
        if (!validAccount(name)) {
            throw new IllegalArgumentException("invalid user or group name '" + name + "'");
        }
        return kind + "/" + name;
    }

    /** A declaration's text; properties must have valid names. */
    public static String render(Map<String, String> properties) {
        for (String k : properties.keySet()) {
            if (!validProperty(k)) {
                throw new IllegalArgumentException("invalid credential property name '" + k + "'");
            }
        }
        return KeyValueFile.render(properties);
    }

    /**
     * The declarations of one kind in a package, by name in alphabetical order; files whose names
     * are invalid are skipped, properties whose names are invalid dropped, each reported to {@code warn}.
     */
    public static Map<String, Map<String, String>> read(Path packageRoot, String kind, java.util.function.Consumer<String> warn) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        Path dir = packageRoot.resolve(DIR).resolve(kind);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!validAccount(name)) {
                    warn.accept("ignoring '" + e + "': invalid user or group name");
                    continue;
                }
                Map<String, String> props = new LinkedHashMap<>();
                try {
                    KeyValueFile.parse(Files.readString(e, StandardCharsets.UTF_8)).forEach((k, v) -> {
                        if (validProperty(k)) {
                            props.put(k, v);
                        } else {
                            warn.accept("ignoring property '" + k + "' of '" + e + "': invalid name");
                        }
                    });
                } catch (IOException ex) {
                    // An unreadable declaration declares nothing beyond its name.
                }
                out.put(name, props);
            }
        } catch (IOException ex) {
            warn.accept("cannot read '" + dir + "': " + ex.getMessage());
        }
        return out;
    }
}
