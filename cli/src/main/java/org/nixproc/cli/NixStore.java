package org.nixproc.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.store.StoreException;
import org.nixproc.store.StorePath;
import org.nixproc.store.build.BuildSettings;
import org.nixproc.store.build.Realiser;
import org.nixproc.store.local.GcResult;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.StoreVerifier;
import org.nixproc.store.local.ValidPathInfo;

/**
 * {@code nix-store} over nixproc's store: {@code --realise/-r} (--dry-run; --add-root LINK,
 * --no-output, --no-gc-warning and the {@link BuildFlags}), {@code --query} (--outputs,
 * --references, --requisites/-R, --referrers, --deriver, --hash, --size), {@code --gc}
 * (--print-roots, --print-dead, --print-live), {@code --delete},
 * {@code --verify [--check-contents] [--repair]}, {@code --add-fixed [--recursive] ALGO PATHS}. Each
 * operation takes only its own flags; output and messages as Nix 2.8's.
 */
final class NixStore {
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;
    private final BuildFlags buildFlags = new BuildFlags();
    private String addRoot;
    private boolean noOutput;
    private boolean gcWarning = true;

    NixStore(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    int run(String[] argv) {
        String op = null;
        List<String> opFlags = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        try {
            for (int i = 0; i < argv.length; i++) {
                int used = buildFlags.parse(argv, i);
                if (used > 0) {
                    i += used - 1;
                    continue;
                }
                String a = argv[i];
                switch (a) {
                    case "--query", "-q", "--realise", "-r", "--gc", "--delete", "--verify", "--add-fixed" -> op = operation(op, a);
                    case "-qR" -> {
                        op = operation(op, "--query");
                        opFlags.add("--requisites");
                    }
                    case "--add-root" -> {
                        addRoot = CommandLineError.argument(argv, i);
                        i++;
                    }
                    // The roots made here are always indirect: accepted for older scripts, as Nix does.
                    case "--indirect" -> {
                    }
                    case "--no-output" -> noOutput = true;
                    case "--no-gc-warning" -> gcWarning = false;
                    case "--help", "--version" -> {
                        return Help.answer("nix-store", a, out);
                    }
                    default -> (a.startsWith("-") ? opFlags : operands).add(a);
                }
            }
            if (op == null) {
                throw new CommandLineError("no operation specified");
            }
            return run(op, opFlags, operands);
        } catch (CommandLineError e) {
            return e.report(err, "nix-store");
        }
    }

    // The operation a flag selects (its long name); Nix takes one a command.
    private static String operation(String current, String flag) throws CommandLineError {
        String op = switch (flag) {
            case "-q" -> "--query";
            case "-r" -> "--realise";
            default -> flag;
        };
        if (current != null && !current.equals(op)) {
            throw new CommandLineError("only one operation may be specified");
        }
        return op;
    }

    // Runs an operation on the store; each operation takes its own flags, as Nix's do.
    private int run(String op, List<String> flags, List<String> operands) throws CommandLineError {
        StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
        try (LocalStore store = LocalStore.open(config)) {
            return switch (op) {
                case "--query" -> query(store, queryType(flags), operands);
                case "--realise" -> realise(store, given(flags, "--dry-run"), operands);
                case "--gc" -> gc(store, flags, operands);
                case "--delete" -> delete(store, flags, operands);
                case "--add-fixed" -> addFixed(store, given(flags, "--recursive"), operands);
                default -> verify(store, flags, operands);
            };
        } catch (FormatException | java.io.UncheckedIOException e) {
            return Failures.report(e, out, err, false);
        }
    }

    // What --query asks for: the one query flag given, else the outputs.
    private static String queryType(List<String> flags) throws CommandLineError {
        String q = null;
        for (String f : flags) {
            String t = switch (f) {
                case "--outputs", "--references", "--referrers", "--deriver", "--hash", "--size" -> f.substring(2);
                case "--requisites", "-R" -> "requisites";
                default -> throw unknownFlag(f);
            };
            if (q != null && !q.equals(t)) {
                throw new CommandLineError("query type '" + f + "' conflicts with earlier flag");
            }
            q = t;
        }
        return q == null ? "outputs" : q;
    }

    // Whether an operation's one flag (--realise's --dry-run, --verify's --check-contents) was
    // given; any other flag is unknown to it.
    private static boolean given(List<String> flags, String only) throws CommandLineError {
        for (String f : flags) {
            if (!f.equals(only)) {
                throw unknownFlag(f);
            }
        }
        return !flags.isEmpty();
    }

    private static void noArguments(List<String> operands) throws CommandLineError {
        if (!operands.isEmpty()) {
            throw new CommandLineError("no arguments expected");
        }
    }

    private static CommandLineError unknownFlag(String flag) {
        return new CommandLineError("unknown flag '" + flag + "'");
    }

    private int query(LocalStore store, String q, List<String> operands) {
        List<String> paths = storePaths(store, operands);
        switch (q) {
            case "references", "referrers", "requisites" -> {
                Set<String> result = new TreeSet<>();
                for (String p : paths) {
                    requireValid(store, p);
                    switch (q) {
                        case "references" -> result.addAll(store.queryReferences(p));
                        case "referrers" -> result.addAll(store.queryReferrers(p));
                        default -> result.addAll(store.queryRequisites(List.of(p)));
                    }
                }
                for (String p : referencesFirst(store, result)) {
                    out.println(p);
                }
            }
            case "deriver" -> {
                for (String p : paths) {
                    out.println(store.queryDeriver(requireValid(store, p)).orElse("unknown-deriver"));
                }
            }
            case "hash", "size" -> {
                for (String p : paths) {
                    ValidPathInfo info = store.queryPathInfo(requireValid(store, p)).orElseThrow();
                    out.println(q.equals("hash") ? info.narHash() : Long.toString(info.narSize()));
                }
            }
            default -> {
                // Without a query flag Nix prints the outputs; for non-derivations, the paths themselves.
                for (String p : paths) {
                    requireValid(store, p);
                    if (p.endsWith(".drv")) {
                        store.readDerivation(p).outputs().values().forEach(o -> out.println(o.path()));
                    } else {
                        out.println(p);
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    /**
     * --realise: builds what the derivations among the paths need (any other path must be valid:
     * nixproc has no substituters), then prints for each path the output paths of a derivation,
     * or the path itself; with --add-root, the roots made for them instead.
     */
    private int realise(LocalStore store, boolean dryRun, List<String> operands) {
        List<String> paths = storePaths(store, operands);
        // Kept until their roots are made, whatever a garbage collection meanwhile finds.
        store.addTempRoots(paths);
        List<String> drvs = paths.stream().filter(p -> p.endsWith(".drv") && store.isValid(p)).toList();
        SortedSet<String> unknown = new TreeSet<>(paths.stream().filter(p -> !store.isValid(p)).toList());
        Realiser realiser = new Realiser(store, err, buildFlags.settings(inv.env()));
        if (dryRun) {
            realiser.printMissing(realiser.missing(drvs), unknown);
            return 0;
        }
        Map<String, SortedMap<String, String>> outputs = realiser.realise(drvs, unknown);
        if (addRoot == null && gcWarning && !paths.isEmpty()) {
            RootLinks.warnNoRoot(err);
        }
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            // A path that is not a derivation stands for itself, as an output named out would.
            SortedSet<String> shown = realised(store, outputs.getOrDefault(p, new TreeMap<>(Map.of("out", p))), i + 1);
            if (!noOutput) {
                shown.forEach(s -> out.println(Bytes.fromJava(s)));
            }
        }
        out.flush();
        return 0;
    }

    // What --realise prints for the n-th path's outputs: their paths, or the roots it makes for
    // them with --add-root (LINK-n, -OUTPUT appended as nix-build does); sorted, as Nix prints sets.
    private SortedSet<String> realised(LocalStore store, SortedMap<String, String> outputs, int n) {
        SortedSet<String> shown = new TreeSet<>();
        for (Map.Entry<String, String> o : outputs.entrySet()) {
            if (addRoot == null) {
                shown.add(o.getValue());
            } else {
                String link = RootLinks.forOutput(RootLinks.numbered(addRoot, n), o.getKey());
                shown.add(store.addPermRoot(Bytes.path(inv.cwd()).resolve(link), o.getValue()).toString());
            }
        }
        return shown;
    }

    private static String requireValid(LocalStore store, String p) {
        if (!store.isValid(p)) {
            throw new StoreException("path '" + p + "' is not valid");
        }
        return p;
    }

    /**
     * Nix's order for printing a set of paths: a depth-first post-order over references within
     * the set (paths and references taken in sorted order), so references come first.
     */
    private static List<String> referencesFirst(LocalStore store, Collection<String> set) {
        List<String> order = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (String p : set) {
            visit(store, p, set, visited, order);
        }
        return order;
    }

    private static void visit(LocalStore store, String p, Collection<String> set, Set<String> visited, List<String> order) {
        if (!visited.add(p)) {
            return;
        }
        for (String r : new TreeSet<>(store.queryReferences(p))) {
            if (!r.equals(p) && set.contains(r)) {
                visit(store, r, set, visited, order);
            }
        }
        order.add(p);
    }

    /** The operands as store paths: symlinks (such as ./result) are followed into the store. */
    /**
     * --add-fixed: adds files (or, --recursive, trees) as the fixed-output paths that a fetch of
     * them with that hash gives, so that they need no download; prints the paths.
     */
    private int addFixed(LocalStore store, boolean recursive, List<String> operands) throws CommandLineError {
        if (operands.isEmpty()) {
            throw new CommandLineError("first argument must be hash algorithm");
        }
        HashAlgorithm algorithm = HashAlgorithm.parseOrNull(operands.get(0));
        if (algorithm == null) {
            throw new CommandLineError("unknown hash algorithm '" + operands.get(0) + "'");
        }
        for (String arg : operands.subList(1, operands.size())) {
            Path source = Path.of(Paths.absolute(arg, Bytes.toJava(inv.cwd())));
            if (!Files.exists(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new StoreException("getting status of '" + arg + "': No such file or directory");
            }
            out.println(store.addPathToStore(source.getFileName().toString(), source, recursive, algorithm, null));
        }
        return 0;
    }

    private List<String> storePaths(LocalStore store, List<String> operands) {
        List<String> paths = new ArrayList<>();
        for (String o : operands) {
            paths.add(toStorePath(store, o));
        }
        return paths;
    }

    private String toStorePath(LocalStore store, String arg) {
        String dir = store.config().storeDir();
        String p = Paths.absolute(arg, Bytes.toJava(inv.cwd()));
        for (int i = 0; i < 1024 && !StorePath.isInStore(p, dir) && Files.isSymbolicLink(Path.of(p)); i++) {
            try {
                p = Paths.canonical(Path.of(p).resolveSibling(Files.readSymbolicLink(Path.of(p))).toString());
            } catch (java.io.IOException e) {
                break;
            }
        }
        return StorePath.toStorePath(p, dir);
    }

    private int gc(LocalStore store, List<String> flags, List<String> operands) throws CommandLineError {
        String mode = "delete";
        boolean printRoots = false;
        for (String f : flags) {
            switch (f) {
                case "--print-roots" -> printRoots = true;
                case "--print-live" -> mode = "live";
                case "--print-dead" -> mode = "dead";
                default -> throw new CommandLineError("bad sub-operation '" + f + "' in GC");
            }
        }
        noArguments(operands);
        if (printRoots) {
            return printRoots(store);
        }
        err.println("finding garbage collector roots...");
        if (!mode.equals("delete")) {
            err.println("determining live/dead paths...");
            GcResult dead = store.collectGarbage(true);
            Set<String> shown = new TreeSet<>(dead.deleted());
            if (mode.equals("live")) {
                Set<String> live = new TreeSet<>(store.validPaths());
                live.removeAll(shown);
                shown = live;
            }
            shown.forEach(out::println);
            out.flush();
            return 0;
        }
        err.println("deleting garbage...");
        GcResult r = store.collectGarbage(false);
        r.deleted().forEach(p -> err.println("deleting '" + p + "'"));
        printFreed(r);
        return 0;
    }

    /**
     * --gc --print-roots, which wins over the other GC flags as in Nix: each root as
     * {@code LINK -> STOREPATH}, by link. Nix also lists the store paths that running processes
     * use, which nixproc does not look for; temporary roots are not listed, as in Nix.
     */
    private int printRoots(LocalStore store) {
        store.findRootLinks(err::println).forEach((link, path) -> out.println(Bytes.fromJava(link + " -> " + path)));
        out.flush();
        return 0;
    }

    private int delete(LocalStore store, List<String> flags, List<String> operands) throws CommandLineError {
        if (!flags.isEmpty()) {
            throw unknownFlag(flags.get(0));
        }
        Set<String> paths = new LinkedHashSet<>(storePaths(store, operands));
        err.println("finding garbage collector roots...");
        try {
            GcResult r = store.deletePathsCounted(paths);
            r.deleted().forEach(p -> err.println("deleting '" + p + "'"));
            printFreed(r);
            return 0;
        } catch (FormatException e) {
            printFreed(new GcResult(List.of(), 0));
            throw e;
        }
    }

    private void printFreed(GcResult r) {
        out.println(r.deleted().size() + " store paths deleted, "
                + String.format(Locale.ROOT, "%.2f MiB", r.bytesFreed() / (1024.0 * 1024.0)) + " freed");
        out.flush();
    }

    /**
     * --verify [--check-contents] [--repair]: with --repair (one of the {@link BuildFlags}), the
     * valid paths found modified, or gone while still referred to, are rebuilt from their
     * derivers and put back, as Nix repairs them.
     */
    private int verify(LocalStore store, List<String> flags, List<String> operands) throws CommandLineError {
        boolean checkContents = given(flags, "--check-contents");
        noArguments(operands);
        err.println("reading the Nix store...");
        err.println("checking path existence...");
        if (checkContents) {
            err.println("checking store hashes...");
        }
        BuildSettings settings = buildFlags.settings(inv.env());
        StoreVerifier.Result r = store.verifyStore(checkContents, settings.repair());
        r.problems().forEach(err::println);
        boolean errors = r.errors();
        if (!r.toRepair().isEmpty()) {
            List<String> cannot = new Realiser(store, err, settings).repair(r.toRepair());
            cannot.forEach(p -> err.println("error: cannot repair path '" + p + "'"));
            errors |= !cannot.isEmpty();
        }
        if (errors) {
            err.println("warning: not all store errors were fixed");
            return 1;
        }
        return 0;
    }
}
