package org.nixproc.processmgmt.systemd;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The units of a package or profile ({@code etc/systemd/system/*.service} and their .wants/
 * folders) and their links in systemd's unit directory: what nixproc-systemd-switch and the
 * Disnix type systemd-unit share.
 */
public final class SystemdUnits {
    private SystemdUnits() {
    }

    /** A unit: its file and its .wants/ folder (links resolved), and its contents with those of its .wants/ folder. */
    public record Unit(Path file, Path wants, String identity) {
    }

    /** NAME.service -> the unit, of {@code root}'s etc/systemd/system. */
    public static Map<String, Unit> of(Path root) throws IOException {
        Map<String, Unit> units = new TreeMap<>();
        Path dir = root.resolve("etc/systemd/system");
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

    /** Links the unit (and its .wants/ folder, or none) as {@code name} into {@code targetDir}. */
    public static void link(Path targetDir, String name, Unit unit) throws IOException {
        relink(targetDir.resolve(name), unit.file());
        Path wantsLink = targetDir.resolve(name + ".wants");
        if (unit.wants() != null) {
            relink(wantsLink, unit.wants());
        } else {
            Files.deleteIfExists(wantsLink);
        }
    }

    /** Removes the links of unit {@code name} from {@code targetDir}. */
    public static void unlink(Path targetDir, String name) throws IOException {
        Files.deleteIfExists(targetDir.resolve(name));
        Files.deleteIfExists(targetDir.resolve(name + ".wants"));
    }

    private static void relink(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return;
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
