package org.nixproc.cli;

import org.nixproc.processmgmt.disnix.CoordinatorProfile;
import org.nixproc.processmgmt.disnix.DeploymentGraph;
import org.nixproc.processmgmt.disnix.Manifest;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.store.local.StoreConfig;

/**
 * {@code disnix-visualize [MANIFEST]}: the deployment (by default the coordinator's current
 * generation) as a Graphviz DOT graph on standard output, or with {@code --format svg|png -o FILE}
 * drawn by Graphviz's {@code dot}, when it is installed.
 */
final class DisnixVisualize {
    private static final String USAGE = """
            usage: disnix-visualize [MANIFEST] [--format dot|svg|png] [-o FILE]
                                    [-p|--profile NAME] [--coordinator-profile-path DIR]""";

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        String manifest = null;
        String format = "dot";
        String output = null;
        String profile = "default";
        String profileDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                inv.out().println(USAGE);
                return 0;
            }
            if (a.startsWith("-")) {
                if (i + 1 == args.length) {
                    return usage(err, "'" + a + "' requires an argument");
                }
                String v = args[++i];
                switch (a) {
                    case "--format", "-f" -> format = v;
                    case "-o", "--output" -> output = v;
                    case "-p", "--profile" -> profile = v;
                    case "--coordinator-profile-path" -> profileDir = v;
                    default -> {
                        return usage(err, "unknown flag '" + a + "'");
                    }
                }
            } else if (manifest == null) {
                manifest = a;
            } else {
                return usage(err, "unexpected argument '" + a + "'");
            }
        }
        if (!List.of("dot", "svg", "png").contains(format)) {
            return usage(err, "unknown format '" + format + "' (dot, svg or png)");
        }
        if (!format.equals("dot") && output == null) {
            return usage(err, "--format " + format + " needs an output file (-o FILE)");
        }
        Path cwd = Bytes.path(inv.cwd());
        try {
            Path file;
            if (manifest != null) {
                file = cwd.resolve(manifest);
            } else {
                Path dir = profileDir != null ? cwd.resolve(profileDir)
                        : StoreConfig.fromEnvironment(inv.env(), err).stateDir().resolve("profiles").resolve("disnix-coordinator");
                String name = profile;
                file = new CoordinatorProfile(dir, name).current().orElseThrow(() -> new IllegalArgumentException(
                        "nothing was deployed with profile '" + name + "' yet; name a manifest")).manifest();
            }
            String dot = DeploymentGraph.dot(Manifest.read(file));
            if (format.equals("dot")) {
                if (output == null) {
                    inv.out().print(dot);
                    inv.out().flush();
                } else {
                    Files.writeString(cwd.resolve(output), dot, StandardCharsets.UTF_8);
                }
                return 0;
            }
            return draw(dot, format, cwd.resolve(output), err);
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int draw(String dot, String format, Path output, PrintStream err) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("dot", "-T" + format, "-o", output.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            err.println("error: drawing " + format + " needs Graphviz's 'dot', which is not installed"
                    + " (Debian package graphviz); --format dot writes the graph without it");
            return 1;
        }
        try (var in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String msg = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            err.println("error: dot failed: " + msg.strip());
            return 1;
        }
        return 0;
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }
}
