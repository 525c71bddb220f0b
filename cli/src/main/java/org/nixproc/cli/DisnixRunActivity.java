package org.nixproc.cli;

import org.nixproc.processmgmt.disnix.ServiceModule;
import org.nixproc.processmgmt.disnix.TargetLock;
import org.nixproc.processmgmt.disnix.TargetProfile;
import org.nixproc.processmgmt.disnix.TargetState;
import org.nixproc.processmgmt.rc.RcContext;
import org.nixproc.lang.eval.Bytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.store.StoreException;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.PathImport;

/**
 * {@code disnix-run-activity}: what the coordinator runs on a target (through SSH or another
 * client interface), Disnix's {@code disnix-run-activity}: activating and deactivating one
 * service, locking the target, receiving store paths in {@code nix-store --export}'s format,
 * setting and querying the target's profile.
 */
final class DisnixRunActivity {
    private static final String USAGE = """
            usage: disnix-run-activity activate|deactivate TYPE PKG
                   disnix-run-activity lock OWNER | unlock OWNER
                   disnix-run-activity print-invalid        (store paths on standard input)
                   disnix-run-activity import               (nix-store --export's format on standard input)
                   disnix-run-activity set-profile PROFILE | query-installed""";

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        if (args.length == 0) {
            return usage(err, "which activity?");
        }
        TargetState state = TargetState.of(new RcContext(inv.env(), Bytes.path(inv.cwd()), inv.out(), inv.err()));
        try {
            switch (args[0]) {
                case "activate", "deactivate" -> {
                    expect(args, 3);
                    ServiceModule module = ServiceModule.forType(args[1], state);
                    Path pkg = Path.of(args[2]);
                    return args[0].equals("activate") ? module.activate(pkg) : module.deactivate(pkg);
                }
                case "lock" -> {
                    expect(args, 2);
                    String holder = new TargetLock(state).lock(args[1]);
                    if (holder != null) {
                        err.println("error: the target is locked by another deployment (" + holder + ")");
                        return 1;
                    }
                    return 0;
                }
                case "unlock" -> {
                    expect(args, 2);
                    if (!new TargetLock(state).unlock(args[1])) {
                        err.println("error: the target's lock is held by another deployment");
                        return 1;
                    }
                    return 0;
                }
                case "print-invalid" -> {
                    expect(args, 1);
                    try (LocalStore store = LocalStore.open(state.store())) {
                        for (String p : stdinLines(inv)) {
                            if (!store.isValid(p)) {
                                inv.out().println(p);
                            }
                        }
                    }
                    inv.out().flush();
                    return 0;
                }
                case "import" -> {
                    expect(args, 1);
                    try (LocalStore store = LocalStore.open(state.store())) {
                        PathImport.importPaths(store, inv.in()).forEach(inv.out()::println);
                    }
                    inv.out().flush();
                    return 0;
                }
                case "set-profile" -> {
                    expect(args, 2);
                    new TargetProfile(state).set(Path.of(args[1]));
                    return 0;
                }
                case "query-installed" -> {
                    expect(args, 1);
                    new TargetProfile(state).installed().forEach(inv.out()::println);
                    inv.out().flush();
                    return 0;
                }
                case "--help", "-h" -> {
                    inv.out().println(USAGE);
                    return 0;
                }
                default -> {
                    return usage(err, "unknown activity '" + args[0] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException | UncheckedIOException | StoreException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        }
    }

    private static void expect(String[] args, int n) {
        if (args.length != n) {
            throw new IllegalArgumentException("'" + args[0] + "' takes " + (n - 1) + " argument(s)");
        }
    }

    private static List<String> stdinLines(Invocation inv) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(inv.in(), StandardCharsets.UTF_8));
        for (String l = r.readLine(); l != null; l = r.readLine()) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }
}
