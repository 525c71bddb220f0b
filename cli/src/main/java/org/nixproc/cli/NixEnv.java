package org.nixproc.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.processmgmt.rc.Generations;
import org.nixproc.store.StoreException;
import org.nixproc.store.StorePath;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;

/**
 * The part of Nix 2.8's {@code nix-env} that deployment tools use on a profile path
 * ({@code -p PROFILE}): {@code --set PATH}, {@code --list-generations}, {@code --rollback},
 * {@code --switch-generation N} and {@code --delete-generations SPEC...}, with Nix's layout
 * ({@code PROFILE -> PROFILE-N-link -> store path}, each link a garbage-collector root) and
 * messages. Package operations (install, query, ...) are not part of it and say so.
 */
final class NixEnv {
    private static final String USAGE = "usage: nix-env -p PROFILE --set PATH\n"
            + "       nix-env -p PROFILE --list-generations | --rollback | --switch-generation N\n"
            + "       nix-env -p PROFILE --delete-generations (N | old | +N | Nd)...";

    static int run(String[] args, Invocation inv) {
        PrintStream err = inv.err();
        String profile = null;
        String op = null;
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-p", "--profile" -> {
                    if (++i == args.length) {
                        return usage(err, "'" + a + "' requires an argument");
                    }
                    profile = args[i];
                }
                case "--help" -> {
                    inv.out().println(USAGE);
                    return 0;
                }
                case "--set", "--list-generations", "--rollback", "--switch-generation", "-G", "--delete-generations" -> {
                    if (op != null) {
                        return usage(err, "only one operation may be specified");
                    }
                    op = a.equals("-G") ? "--switch-generation" : a;
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1 && !"--delete-generations".equals(op)) {
                        return usage(err, "unsupported flag '" + a + "' (nixproc's nix-env has -p PROFILE with --set,"
                                + " --list-generations, --rollback, --switch-generation and --delete-generations)");
                    }
                    operands.add(a);
                }
            }
        }
        if (op == null) {
            return usage(err, "no operation specified");
        }
        if (profile == null) {
            return usage(err, "a profile is needed: -p PROFILE");
        }
        Path link = Bytes.path(inv.cwd()).resolve(profile).normalize();
        Generations gens = new Generations(link.getParent(), link.getFileName().toString());
        try {
            return switch (op) {
                case "--set" -> set(inv, gens, link, operands);
                case "--list-generations" -> list(inv.out(), gens);
                case "--rollback" -> switchTo(err, gens, null);
                case "--switch-generation" -> operands.size() != 1 ? usage(err, "exactly one generation number expected")
                        : switchTo(err, gens, operands.get(0));
                default -> delete(err, gens, link, operands);
            };
        } catch (IllegalArgumentException | StoreException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println("Try 'nix-env --help' for more information.");
        return 1;
    }

    // A new generation pointing at the store path (unless the current one does), made a GC root.
    private static int set(Invocation inv, Generations gens, Path link, List<String> operands) {
        if (operands.size() != 1) {
            throw new IllegalArgumentException("--set requires exactly one derivation");
        }
        StoreConfig config = StoreConfig.fromEnvironment(inv.env(), inv.err());
        Path given = Bytes.path(inv.cwd()).resolve(operands.get(0)).normalize();
        Path target = given;
        try {
            if (!StorePath.isInStore(given.toString(), config.storeDir()) && Files.exists(given)) {
                target = given.toRealPath();
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("resolving '" + given + "': " + e.getMessage());
        }
        if (!StorePath.isInStore(target.toString(), config.storeDir())) {
            throw new IllegalArgumentException("path '" + given + "' is not in the Nix store");
        }
        String storePath = StorePath.toStorePath(target.toString(), config.storeDir());
        try (LocalStore store = LocalStore.open(config)) {
            if (!store.isValid(storePath)) {
                throw new IllegalArgumentException("path '" + storePath + "' is not valid");
            }
            Optional<Integer> before = gens.current();
            int n = gens.add(Path.of(storePath), null);
            if (before.isPresent() && before.get() == n) {
                return 0;
            }
            store.addPermRoot(link.resolveSibling(link.getFileName() + "-" + n + "-link"), storePath);
        }
        return 0;
    }

    private static int list(PrintStream out, Generations gens) {
        int cur = gens.current().orElse(-1);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
        for (Generations.Generation g : gens.list()) {
            out.printf("%4d   %s   %s%n", g.number(), f.format(g.created()), g.number() == cur ? "(current)" : "");
        }
        out.flush();
        return 0;
    }

    // To the generation before the current one (target null), or to the one named.
    private static int switchTo(PrintStream err, Generations gens, String target) {
        int cur = gens.current().orElse(0);
        int to;
        if (target == null) {
            Optional<Generations.Generation> older = gens.list().stream().filter(g -> g.number() < cur)
                    .reduce((a, b) -> b);
            if (older.isEmpty()) {
                throw new IllegalArgumentException("no profile version older than the current (" + cur + ") exists");
            }
            to = older.get().number();
        } else {
            if (!target.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("invalid number: " + target);
            }
            to = Integer.parseInt(target);
            if (gens.get(to).isEmpty()) {
                throw new IllegalArgumentException("profile version " + to + " does not exist");
            }
        }
        err.println("switching profile from version " + cur + " to " + to);
        gens.switchTo(to);
        return 0;
    }

    private static int delete(PrintStream err, Generations gens, Path link, List<String> specs) {
        if (specs.isEmpty()) {
            return 0;
        }
        int cur = gens.current().orElse(-1);
        for (int n : gens.matching(specs)) {
            if (n == cur) {
                // Nix 2.8's message, stray quote included.
                throw new IllegalArgumentException("cannot delete current version of profile " + link + "'");
            }
            if (gens.get(n).isPresent()) {
                err.println("removing profile version " + n);
                gens.delete(n);
            }
        }
        return 0;
    }
}
