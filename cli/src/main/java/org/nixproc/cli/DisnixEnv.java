package org.nixproc.cli;

import org.nixproc.processmgmt.disnix.CoordinatorProfile;
import org.nixproc.processmgmt.disnix.Deployment;
import org.nixproc.processmgmt.disnix.Manifest;
import org.nixproc.processmgmt.disnix.ManifestBuild;
import org.nixproc.processmgmt.ExpressionBuild;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.store.StoreException;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;

/**
 * {@code disnix-env -s services.nix -i infrastructure.nix -d distribution.nix}: builds the
 * services for their targets and the manifest on this machine, then deploys it (see
 * {@link Deployment}); {@code --rollback}, {@code --switch-to-generation N},
 * {@code --list-generations} and {@code --undeploy} work on the coordinator's generations.
 */
final class DisnixEnv {
    private static final String USAGE = """
            usage: disnix-env -s SERVICES -i INFRASTRUCTURE -d DISTRIBUTION [--extra-params EXPR] [--show-trace]
                   disnix-env --rollback | --switch-to-generation N | --list-generations | --undeploy
            options: [-p|--profile NAME] [--coordinator-profile-path DIR]""";

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help) {
            inv.out().println(USAGE);
            return 0;
        }
        Path cwd = Bytes.path(inv.cwd());
        StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
        CoordinatorProfile profile;
        try {
            profile = new CoordinatorProfile(o.coordinatorProfilePath != null ? cwd.resolve(o.coordinatorProfilePath)
                    : config.stateDir().resolve("profiles").resolve("disnix-coordinator"), o.profile);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            if (o.action.equals("list")) {
                return list(profile, inv.out());
            }
            Path manifest = null;
            if (o.action.equals("deploy")) {
                try {
                    manifest = ManifestBuild.build(inv.env(), cwd, cwd.resolve(o.services), cwd.resolve(o.infrastructure),
                            cwd.resolve(o.distribution), o.extraParams, o.showTrace);
                } catch (ExpressionBuild.Failure e) {
                    err.println(e.getMessage());
                    return 1;
                }
            }
            FileLock lock = profile.lock();
            try (LocalStore store = LocalStore.open(config)) {
                Deployment deployment = new Deployment(inv.env(), err, profile, store);
                return switch (o.action) {
                    case "deploy" -> deployment.deploy(manifest, null);
                    case "undeploy" -> deployment.deploy(emptyManifest(profile, store), null);
                    default -> {
                        CoordinatorProfile.Generation to = generation(profile, o.generation);
                        yield deployment.deploy(to.manifest(), to.number());
                    }
                };
            } finally {
                lock.channel().close();
            }
        } catch (IllegalArgumentException | IOException | UncheckedIOException | StoreException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        }
    }

    // The generation before the current one, or the one named.
    private static CoordinatorProfile.Generation generation(CoordinatorProfile profile, Integer n) throws IOException {
        Optional<CoordinatorProfile.Generation> cur = profile.current();
        if (cur.isEmpty()) {
            throw new IllegalArgumentException("nothing was deployed with this profile yet");
        }
        if (n != null) {
            return profile.get(n).orElseThrow(() -> new IllegalArgumentException("generation " + n + " does not exist"));
        }
        CoordinatorProfile.Generation previous = null;
        for (CoordinatorProfile.Generation g : profile.list()) {
            if (g.number() < cur.get().number()) {
                previous = g;
            }
        }
        if (previous == null) {
            throw new IllegalArgumentException("no generation older than the current generation (" + cur.get().number() + ")");
        }
        return previous;
    }

    // The current manifest's targets, each with an empty profile, and no services.
    private static Path emptyManifest(CoordinatorProfile profile, LocalStore store) throws IOException {
        Manifest cur = Manifest.read(profile.current().orElseThrow(
                () -> new IllegalArgumentException("nothing was deployed with this profile yet")).manifest());
        Map<String, Manifest.Target> targets = new LinkedHashMap<>();
        for (Manifest.Target t : cur.targets().values()) {
            String empty = store.addTextToStore("disnix-profile-" + t.name(), "", Set.of());
            targets.put(t.name(), new Manifest.Target(t.name(), t.address(), t.clientInterface(), empty, t.system(), t.numOfCores()));
        }
        Manifest m = new Manifest(null, targets, List.of(), List.of());
        Set<String> refs = new java.util.TreeSet<>();
        targets.values().forEach(t -> refs.add(t.profile()));
        return Path.of(store.addTextToStore("disnix-manifest", m.text(), refs));
    }

    private static int list(CoordinatorProfile profile, PrintStream out) throws IOException {
        int cur = profile.current().map(CoordinatorProfile.Generation::number).orElse(-1);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
        for (CoordinatorProfile.Generation g : profile.list()) {
            out.printf("%4d   %s   %s%s%n", g.number(), f.format(g.created()), g.manifest(), g.number() == cur ? "   (current)" : "");
        }
        out.flush();
        return 0;
    }

    /** The command line, read. */
    private static final class Options {
        String services;
        String infrastructure;
        String distribution;
        String extraParams;
        String profile = "default";
        String coordinatorProfilePath;
        String action = "deploy";
        Integer generation;
        boolean showTrace;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-s", "--services" -> o.services = value(args, i++);
                    case "-i", "--infrastructure" -> o.infrastructure = value(args, i++);
                    case "-d", "--distribution" -> o.distribution = value(args, i++);
                    case "--extra-params" -> o.extraParams = value(args, i++);
                    case "-p", "--profile" -> o.profile = value(args, i++);
                    case "--coordinator-profile-path" -> o.coordinatorProfilePath = value(args, i++);
                    case "--show-trace" -> o.showTrace = true;
                    case "--rollback" -> o.action(a, "rollback");
                    case "--list-generations" -> o.action(a, "list");
                    case "--undeploy" -> o.action(a, "undeploy");
                    case "--switch-to-generation" -> {
                        String v = value(args, i++);
                        o.action(a, "rollback");
                        try {
                            o.generation = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("invalid generation number '" + v + "'");
                        }
                    }
                    case "-h", "--help" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown flag '" + a + "'");
                }
            }
            if (o.action.equals("deploy") && !o.help) {
                if (o.services == null || o.infrastructure == null || o.distribution == null) {
                    throw new IllegalArgumentException("a services (-s), an infrastructure (-i) and a distribution (-d) model are required");
                }
            }
            return o;
        }

        private void action(String flag, String what) {
            if (!action.equals("deploy")) {
                throw new IllegalArgumentException("'" + flag + "' cannot be combined with another action");
            }
            action = what;
        }

        private static String value(String[] args, int i) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("'" + args[i] + "' requires an argument");
            }
            return args[i + 1];
        }
    }
}
