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
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.toplevel.DerivationSearch;
import org.nixproc.lang.value.Value;
import org.nixproc.store.Derivation;
import org.nixproc.store.DerivationOutput;
import org.nixproc.store.StoreException;
import org.nixproc.store.StorePath;
import org.nixproc.store.build.BuildingStore;
import org.nixproc.store.build.Realiser;
import org.nixproc.store.local.LocalStore;

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
                        outLink = CommandLineError.argument(argv, i);
                        i++;
                    }
                    case "--no-out-link", "--no-link" -> noOutLink = true;
                    case "--dry-run" -> dryRun = true;
                    case "--help", "--version" -> {
                        return Help.answer("nix-build", a, out);
                    }
                    default -> inputs.add(CommandLineError.operand(a));
                }
            }
        } catch (CommandLineError e) {
            return e.report(err, "nix-build");
        }
        try {
            try (BuildingStore ctx = BuildingStore.open(inv.env(), err, buildFlags.settings(inv.env()))) {
                args.store(ctx.evalStore());
                return build(args, inputs, ctx.store(), ctx.realiser(), dryRun, noOutLink ? null : outLink);
            }
        } catch (NixError | FormatException | UncheckedIOException | IOException e) {
            return Failures.report(e, out, err, args.showTrace());
        }
    }

    private int build(CommonArgs args, List<String> inputs, LocalStore store, Realiser realiser, boolean dryRun,
            String outLink) throws IOException {
        // Store derivations among the files are built as they are, before what the expressions give.
        List<DerivationSearch.Found> drvs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String in : inputs) {
            DerivationSearch.Found d = args.fromExpr() ? null : storeDerivation(store, in);
            if (d != null) {
                drvs.add(d);
            } else {
                files.add(in);
            }
        }
        if (!files.isEmpty() || drvs.isEmpty()) {
            EvalState state = new EvalState(args.options());
            state.traceOutput(err);
            List<Value> selected = new ArrayList<>();
            for (Expr e : args.loadInputs(state, files)) {
                selected.addAll(args.select(state, state.eval(e)));
            }
            drvs.addAll(args.derivations(state, selected));
        }
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
     * The derivation a file operand names when it is a store derivation (symbolic links followed),
     * optionally with {@code !OUTPUT}; the output is otherwise the derivation's outputName, or out.
     * Null for any other file.
     */
    private DerivationSearch.Found storeDerivation(LocalStore store, String operand) {
        int bang = operand.indexOf('!');
        Path path = Bytes.path(inv.cwd()).resolve(bang < 0 ? operand : operand.substring(0, bang)).normalize();
        try {
            path = path.toRealPath();
        } catch (IOException e) {
            // Not there: whether it names a store derivation is still told by its name.
        }
        String drvPath = path.toString();
        if (!drvPath.endsWith(".drv") || !StorePath.isStorePath(drvPath, store.config().storeDir())) {
            return null;
        }
        Derivation drv = store.readDerivation(drvPath);
        String output = bang >= 0 ? operand.substring(bang + 1) : drv.env().getOrDefault("outputName", "out");
        if (output.contains(",")) {
            throw new StoreException("building more than one derivation output is not supported, in '" + operand + "'");
        }
        DerivationOutput out = drv.outputs().get(output);
        if (out == null) {
            throw new StoreException("derivation '" + drvPath + "' does not have output '" + output + "'");
        }
        return new DerivationSearch.Found(drvPath, output, out.path());
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
