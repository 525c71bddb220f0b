package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Formal;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.Value;
import org.nixproc.store.EvalStore;
import org.nixproc.store.StoreException;
import org.nixproc.store.build.BuildError;
import org.nixproc.store.build.BuildSettings;
import org.nixproc.store.build.Realiser;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.WritingStore;

/**
 * {@code nix-build}: evaluates files or expressions (FILE, default ./default.nix, or -E), finds the
 * derivations in the values the -A paths select as Nix does (see {@link #findDerivations}), writes
 * their .drv files, builds what is missing, makes result links (result, result-2, ...,
 * result-OUTPUT for outputs other than out) registered as GC roots, and prints the output paths.
 * Failed builds end with Nix's exit status (100, or 102 for a fixed-output hash mismatch).
 */
final class NixBuild {
    /** The attribute names Nix looks at for derivations inside a set. */
    private static final Pattern ATTR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_+-]*");

    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;

    NixBuild(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    /** A derivation found: its .drv file, the output it stands for and that output's path. */
    record DrvInfo(String drvPath, String outputName, String outPath) {
    }

    int run(String[] argv) {
        CommonArgs args = new CommonArgs(inv);
        String outLink = "result";
        boolean noOutLink = false;
        boolean dryRun = false;
        boolean quiet = false;
        boolean keepFailed = false;
        int cores = 0;
        List<String> inputs = new ArrayList<>();
        try {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                int used = args.parse(argv, i);
                if (used > 0) {
                    i += used - 1;
                    continue;
                }
                switch (a) {
                    case "-o", "--out-link" -> outLink = need(argv, ++i, a);
                    case "--no-out-link", "--no-link" -> noOutLink = true;
                    case "--dry-run" -> dryRun = true;
                    case "-Q", "--no-build-output" -> quiet = true;
                    case "-K", "--keep-failed" -> keepFailed = true;
                    case "--cores" -> cores = parseInt(need(argv, ++i, a), a);
                    case "-j", "--max-jobs" -> need(argv, ++i, a);
                    case "--option" -> {
                        need(argv, ++i, a);
                        need(argv, ++i, a);
                    }
                    case "-k", "--keep-going", "-v", "--verbose", "--quiet", "--no-substitute" -> {
                    }
                    default -> {
                        if (a.startsWith("-") && !a.equals("-")) {
                            throw new UsageError("unrecognised flag '" + a + "'");
                        }
                        inputs.add(a);
                    }
                }
            }
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            err.println("Try 'nix-build --help' for more information.");
            return 1;
        }
        try {
            StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
            try (LocalStore store = LocalStore.open(config)) {
                BuildSettings settings = BuildSettings.fromEnvironment(inv.env()).withShowLog(!quiet)
                        .withKeepFailed(keepFailed);
                if (cores > 0) {
                    settings = settings.withCores(cores);
                }
                Realiser realiser = new Realiser(store, err, settings);
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
        List<DrvInfo> drvs = new ArrayList<>();
        Set<NixAttrs> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr e : args.loadInputs(state, inputs)) {
            Value root = state.eval(e);
            for (Value v : args.select(state, root)) {
                findDerivations(state, args, v, drvs, done);
            }
        }
        Set<String> drvPaths = new LinkedHashSet<>();
        for (DrvInfo d : drvs) {
            drvPaths.add(d.drvPath());
        }
        if (dryRun) {
            realiser.printMissing(realiser.missing(drvPaths));
            return 0;
        }
        realiser.realise(drvPaths);
        if (outLink != null) {
            Path cwd = Bytes.path(inv.cwd());
            for (Map.Entry<String, String> link : resultLinks(drvs, outLink).entrySet()) {
                store.addPermRoot(cwd.resolve(link.getKey()), link.getValue());
            }
        }
        for (DrvInfo d : drvs) {
            out.println(d.outPath());
        }
        out.flush();
        return 0;
    }

    /**
     * The result links, as Nix names them: each derivation gets OUTLINK, OUTLINK-2, ... in the
     * order found, and an output other than out has -OUTPUT appended.
     */
    static Map<String, String> resultLinks(List<DrvInfo> drvs, String outLink) {
        Map<String, String> prefixes = new LinkedHashMap<>();
        Map<String, String> links = new TreeMap<>();
        for (DrvInfo d : drvs) {
            String prefix = prefixes.get(d.drvPath());
            if (prefix == null) {
                prefix = prefixes.isEmpty() ? outLink : outLink + "-" + (prefixes.size() + 1);
                prefixes.put(d.drvPath(), prefix);
            }
            links.put(d.outputName().equals("out") ? prefix : prefix + "-" + d.outputName(), d.outPath());
        }
        return links;
    }

    /**
     * Nix's getDerivations: after auto-calling {@code v}, a derivation is taken; in a set, each
     * attribute (in name order, names like identifiers only) that is a derivation, and the
     * derivations inside those non-derivation sets that say {@code recurseForDerivations = true};
     * in a list, each element, searched the same way. Anything else is an error. A derivation (the
     * same set) is taken once.
     */
    static void findDerivations(EvalState st, CommonArgs args, Value vIn, List<DrvInfo> out, Set<NixAttrs> done) {
        Value v = autoCall(st, args, vIn);
        if (takeDerivation(st, v, out, done)) {
            return;
        }
        if (v instanceof NixAttrs attrs) {
            for (int i = 0; i < attrs.size(); i++) {
                if (!ATTR_NAME.matcher(attrs.name(i)).matches()) {
                    continue;
                }
                Value a = attrs.value(i).force();
                if (!takeDerivation(st, a, out, done) && a instanceof NixAttrs sub) {
                    Lazy r = sub.get("recurseForDerivations");
                    if (r != null && st.forceBool(r, Pos.NONE)) {
                        findDerivations(st, args, a, out, done);
                    }
                }
            }
        } else if (v instanceof NixList list) {
            for (int i = 0; i < list.size(); i++) {
                Value e = list.get(i).force();
                if (!takeDerivation(st, e, out, done)) {
                    findDerivations(st, args, e, out, done);
                }
            }
        } else {
            throw new NixError("expression does not evaluate to a derivation (or a set or list of those)", Pos.NONE);
        }
    }

    // Whether v is a derivation (then taken, unless already); reads what nix-build needs of it.
    private static boolean takeDerivation(EvalState st, Value v, List<DrvInfo> out, Set<NixAttrs> done) {
        if (!(v instanceof NixAttrs attrs) || !st.isDerivation(attrs)) {
            return false;
        }
        if (!done.add(attrs)) {
            return true;
        }
        Lazy name = attrs.get("name");
        if (name == null) {
            throw new NixError("derivation name missing", Pos.NONE);
        }
        st.forceString(name, Pos.NONE);
        Lazy drvPath = attrs.get("drvPath");
        if (drvPath == null) {
            throw new NixError("derivation does not contain a 'drvPath' attribute", Pos.NONE);
        }
        String drv = Bytes.toJava(st.coerceToString(drvPath, Pos.NONE, false, false).value());
        Lazy outputName = attrs.get("outputName");
        String output = outputName == null ? "" : Bytes.toJava(st.forceStringNoContext(outputName, Pos.NONE).value());
        if (output.isEmpty()) {
            throw new NixError("derivation '" + Bytes.fromJava(drv) + "' lacks an 'outputName' attribute", Pos.NONE);
        }
        Lazy outPath = attrs.get("outPath");
        if (outPath == null) {
            throw new NixError("derivation does not contain a 'outPath' attribute", Pos.NONE);
        }
        String path = Bytes.toJava(st.coerceToString(outPath, Pos.NONE, false, false).value());
        out.add(new DrvInfo(drv, output, path));
        return true;
    }

    /**
     * Nix's autoCallFunction, which nix-build applies even without --arg: a function with formals
     * is called with the automatic arguments it names (its defaults for the rest).
     */
    private static Value autoCall(EvalState st, CommonArgs args, Value v) {
        Value r = args.autoCall(st, v);
        if (r != v) {
            return r;
        }
        if (v instanceof NixAttrs attrs && attrs.has("__functor")) {
            return autoCall(st, args, st.call(attrs.get("__functor").force(), attrs, Pos.NONE));
        }
        if (!(v instanceof Lambda l) || !l.expr().hasFormals()) {
            return v;
        }
        for (Formal f : l.expr().formals()) {
            if (f.defaultValue() == null) {
                throw new NixError("cannot evaluate a function that has an argument without a value ('"
                        + f.name() + "')\n\nNix attempted to evaluate a function as a top level expression; in\n"
                        + "this case it must have its arguments supplied either by default\n"
                        + "values, or passed explicitly with '--arg' or '--argstr'. See\n"
                        + "https://nixos.org/manual/nix/stable/#ss-functions.", f.pos());
            }
        }
        return st.call(v, NixAttrs.empty(), Pos.NONE);
    }

    private static String need(String[] argv, int i, String flag) throws UsageError {
        if (i >= argv.length) {
            throw new UsageError("flag '" + flag + "' requires 1 argument");
        }
        return argv[i];
    }

    private static int parseInt(String s, String flag) throws UsageError {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UsageError("flag '" + flag + "' requires an integer argument");
        }
    }
}
