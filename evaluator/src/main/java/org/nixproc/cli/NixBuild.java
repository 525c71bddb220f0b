package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.lang.value.Value;
import org.nixproc.store.EvalStore;
import org.nixproc.store.StoreException;
import org.nixproc.store.build.BuildError;
import org.nixproc.store.build.Realiser;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.WritingStore;

/**
 * {@code nix-build}: evaluates files or expressions (FILE, default ./default.nix, or -E), finds the
 * derivations in the values the -A paths select as Nix does (see {@link DerivationSearch}), writes
 * their .drv files, builds what is missing, makes result links (result, result-2, ...,
 * result-OUTPUT for outputs other than out) registered as GC roots, and prints the output paths.
 * Failed builds end with Nix's exit status (100, or 102 for a fixed-output hash mismatch).
 */
final class NixBuild {
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;

    NixBuild(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    int run(String[] argv) {
        CommonArgs args = new CommonArgs(inv);
        String outLink = "result";
        boolean noOutLink = false;
        boolean dryRun = false;
        BuildFlags buildFlags = new BuildFlags();
        List<String> inputs = new ArrayList<>();
        try {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                int used = args.parse(argv, i);
                if (used == 0) {
                    used = buildFlags.parse(argv, i);
                }
                if (used > 0) {
                    i += used - 1;
                    continue;
                }
                switch (a) {
                    case "-o", "--out-link" -> {
                        outLink = UsageError.argument(argv, i);
                        i++;
                    }
                    case "--no-out-link", "--no-link" -> noOutLink = true;
                    case "--dry-run" -> dryRun = true;
                    case "--help", "--version" -> {
                        return Help.answer("nix-build", a, out);
                    }
                    default -> inputs.add(UsageError.operand(a));
                }
            }
        } catch (UsageError e) {
            return e.report(err, "nix-build");
        }
        try {
            StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
            try (LocalStore store = LocalStore.open(config)) {
                Realiser realiser = new Realiser(store, err, buildFlags.settings(inv.env()));
                WritingStore ws = new WritingStore(store, new EvalStore(config.storeDir(), err), err);
                ws.builder(drv -> realiser.realise(List.of(drv), false));
                args.store(ws);
                return build(args, inputs, store, realiser, dryRun, noOutLink ? null : outLink);
            }
        } catch (NixError e) {
            out.flush();
            err.println(ErrorPrinter.format(e, args.showTrace()));
            return 1;
        } catch (BuildError e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return e.status();
        } catch (StoreException | UncheckedIOException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.flush();
            err.println("error: " + EvalState.ioMessage(e));
            return 1;
        } catch (StackOverflowError e) {
            out.flush();
            err.println("error: stack overflow (possible infinite recursion)");
            return 1;
        }
    }

    private int build(CommonArgs args, List<String> inputs, LocalStore store, Realiser realiser, boolean dryRun,
            String outLink) throws IOException {
        EvalState state = new EvalState(args.options());
        state.traceOutput(err);
        List<Value> selected = new ArrayList<>();
        for (Expr e : args.loadInputs(state, inputs)) {
            selected.addAll(args.select(state, state.eval(e)));
        }
        List<DerivationSearch.Found> drvs = DerivationSearch.find(state, args, selected, true);
        Set<String> drvPaths = new LinkedHashSet<>();
        for (DerivationSearch.Found d : drvs) {
            drvPaths.add(d.drvPath());
        }
        if (dryRun) {
            realiser.printMissing(realiser.missing(drvPaths), List.of());
            return 0;
        }
        realiser.realise(drvPaths);
        if (outLink != null) {
            Path cwd = Bytes.path(inv.cwd());
            for (Map.Entry<String, String> link : resultLinks(drvs, outLink).entrySet()) {
                store.addPermRoot(cwd.resolve(link.getKey()), link.getValue());
            }
        }
        for (DerivationSearch.Found d : drvs) {
            out.println(d.outPath());
        }
        out.flush();
        return 0;
    }

    /**
     * The result links, as Nix names them: each derivation gets OUTLINK, OUTLINK-2, ... in the
     * order found, and an output other than out has -OUTPUT appended.
     */
    static Map<String, String> resultLinks(List<DerivationSearch.Found> drvs, String outLink) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        Map<String, String> links = new TreeMap<>();
        for (DerivationSearch.Found d : drvs) {
            String prefix = prefixes.get(d.drvPath());
            if (prefix == null) {
                prefix = RootLinks.numbered(outLink, prefixes.size() + 1);
                prefixes.put(d.drvPath(), prefix);
            }
            links.put(RootLinks.forOutput(prefix, d.outputName()), d.outPath());
        }
        return links;
    }
}
