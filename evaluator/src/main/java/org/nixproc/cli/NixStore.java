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
import java.util.Set;
import java.util.TreeSet;
import org.nixproc.lang.eval.Paths;
import org.nixproc.store.StoreException;
import org.nixproc.store.StorePath;
import org.nixproc.store.local.GcResult;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.StoreVerifier;
import org.nixproc.store.local.ValidPathInfo;

/**
 * {@code nix-store} over nixproc's store: {@code --query} (--references, --requisites/-R,
 * --referrers, --deriver, --hash, --size), {@code --gc} (--print-dead, --print-live),
 * {@code --delete}, {@code --verify [--check-contents]}; output and messages as Nix 2.8's.
 */
final class NixStore {
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;

    NixStore(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    int run(String[] argv) {
        String op = null;
        String query = null;
        String gcMode = "delete";
        boolean checkContents = false;
        List<String> operands = new ArrayList<>();
        for (String a : argv) {
            switch (a) {
                case "--query", "-q", "--gc", "--delete", "--verify" -> {
                    if (op != null) {
                        return usage("only one operation may be specified");
                    }
                    op = a.equals("-q") ? "--query" : a;
                }
                case "-qR" -> {
                    op = "--query";
                    query = "requisites";
                }
                case "--references", "--referrers", "--deriver", "--hash", "--size" -> query = a.substring(2);
                case "--requisites", "-R" -> query = "requisites";
                case "--print-dead" -> gcMode = "dead";
                case "--print-live" -> gcMode = "live";
                case "--check-contents" -> checkContents = true;
                case "--help", "--version" -> {
                    return Help.answer("nix-store", a, out);
                }
                default -> {
                    if (a.startsWith("-")) {
                        return usage("unrecognised flag '" + a + "'");
                    }
                    operands.add(a);
                }
            }
        }
        if (op == null) {
            return usage("no operation specified");
        }
        StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
        try (LocalStore store = LocalStore.open(config)) {
            return switch (op) {
                case "--query" -> query(store, query, operands);
                case "--gc" -> gc(store, gcMode);
                case "--delete" -> delete(store, operands);
                default -> verify(store, checkContents);
            };
        } catch (StoreException | java.io.UncheckedIOException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage(String message) {
        return UsageError.report(err, "nix-store", message);
    }

    private int query(LocalStore store, String query, List<String> operands) {
        List<String> paths = new ArrayList<>();
        for (String o : operands) {
            paths.add(toStorePath(store, o));
        }
        String q = query == null ? "outputs" : query;
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

    /** An operand as a store path: symlinks (such as ./result) are followed into the store. */
    private String toStorePath(LocalStore store, String arg) {
        String dir = store.config().storeDir();
        String p = Paths.absolute(arg, org.nixproc.lang.eval.Bytes.toJava(inv.cwd()));
        for (int i = 0; i < 1024 && !StorePath.isInStore(p, dir) && Files.isSymbolicLink(Path.of(p)); i++) {
            try {
                p = Paths.canonical(Path.of(p).resolveSibling(Files.readSymbolicLink(Path.of(p))).toString());
            } catch (java.io.IOException e) {
                break;
            }
        }
        return StorePath.toStorePath(p, dir);
    }

    private int gc(LocalStore store, String mode) {
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

    private int delete(LocalStore store, List<String> operands) {
        Set<String> paths = new LinkedHashSet<>();
        for (String o : operands) {
            paths.add(toStorePath(store, o));
        }
        err.println("finding garbage collector roots...");
        try {
            GcResult r = store.deletePathsCounted(paths);
            r.deleted().forEach(p -> err.println("deleting '" + p + "'"));
            printFreed(r);
            return 0;
        } catch (StoreException e) {
            printFreed(new GcResult(List.of(), 0));
            throw e;
        }
    }

    private void printFreed(GcResult r) {
        out.println(r.deleted().size() + " store paths deleted, "
                + String.format(Locale.ROOT, "%.2f MiB", r.bytesFreed() / (1024.0 * 1024.0)) + " freed");
        out.flush();
    }

    private int verify(LocalStore store, boolean checkContents) {
        err.println("reading the Nix store...");
        err.println("checking path existence...");
        if (checkContents) {
            err.println("checking store hashes...");
        }
        StoreVerifier.Result r = store.verifyStore(checkContents);
        r.problems().forEach(err::println);
        if (r.errors()) {
            err.println("warning: not all store errors were fixed");
            return 1;
        }
        return 0;
    }
}
