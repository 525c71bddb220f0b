package org.nixproc.processmgmt.disnix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment manifest, as {@code <nixproc/disnix/manifest.nix>} writes it: the targets (with
 * the address the client interface reaches them by and their profile), the mappings of services
 * onto targets, and the edges between services (dependsOn and activatesAfter order activation,
 * connectsTo only passes arguments).
 */
public record Manifest(Path path, Map<String, Target> targets, List<Mapping> mappings, List<Edge> edges) {
    static final String HEADER = "nixproc-disnix-manifest 1";

    /** A machine of the infrastructure model. */
    public record Target(String name, String address, String clientInterface, String profile, String system, int numOfCores) {
    }

    /** A service deployed to a target's container; the same mapping in two manifests is the same activation. */
    public record Mapping(String service, String target, String container, String type, String pkg) {
        String describe() {
            return "service '" + service + "' on target '" + target + "'";
        }
    }

    /** {@code service} has {@code dependency} in its {@code kind} (dependsOn, activatesAfter, connectsTo). */
    record Edge(String kind, String service, String dependency) {
        boolean orders() {
            return !kind.equals("connectsTo");
        }
    }

    public static Manifest read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read manifest '" + file + "': " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("'" + file + "' is not a deployment manifest");
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        List<Mapping> mappings = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "target" -> {
                    check(f, 7, file);
                    targets.put(f[1], new Target(f[1], f[2], f[3].equals("-") ? null : f[3], f[4], f[5], Integer.parseInt(f[6])));
                }
                case "mapping" -> {
                    check(f, 6, file);
                    mappings.add(new Mapping(f[1], f[2], f[3], f[4], f[5]));
                }
                case "dependsOn", "activatesAfter", "connectsTo" -> {
                    check(f, 3, file);
                    edges.add(new Edge(f[0], f[1], f[2]));
                }
                default -> throw new IllegalArgumentException("manifest '" + file + "': unknown record '" + f[0] + "'");
            }
        }
        return new Manifest(file, targets, mappings, edges);
    }

    private static void check(String[] fields, int n, Path file) {
        if (fields.length != n) {
            throw new IllegalArgumentException("manifest '" + file + "': a '" + fields[0] + "' record has "
                    + fields.length + " fields, not " + n);
        }
    }

    /** The manifest's text, as read. */
    public String text() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Target t : targets.values()) {
            b.append(String.join("\t", "target", t.name(), t.address(), t.clientInterface() == null ? "-" : t.clientInterface(),
                    t.profile(), t.system(), Integer.toString(t.numOfCores()))).append('\n');
        }
        for (Mapping m : mappings) {
            b.append(String.join("\t", "mapping", m.service(), m.target(), m.container(), m.type(), m.pkg())).append('\n');
        }
        for (Edge e : edges) {
            b.append(String.join("\t", e.kind(), e.service(), e.dependency())).append('\n');
        }
        return b.toString();
    }

    Optional<Target> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    List<Mapping> mappingsOf(String target) {
        return mappings.stream().filter(m -> m.target().equals(target)).toList();
    }

    /** The services {@code service} must be activated after (its dependsOn and activatesAfter). */
    List<String> orderingDependencies(String service) {
        return edges.stream().filter(e -> e.orders() && e.service().equals(service)).map(Edge::dependency).toList();
    }
}
