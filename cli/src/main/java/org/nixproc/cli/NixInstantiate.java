package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.ExprPrinter;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.print.JsonPrinter;
import org.nixproc.lang.print.ValuePrinter;
import org.nixproc.lang.print.XmlPrinter;
import org.nixproc.lang.toplevel.DerivationSearch;
import org.nixproc.lang.value.Value;
import org.nixproc.store.EvalStore;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.WritingStore;

/**
 * {@code nix-instantiate}: evaluates files or expressions (--eval, --strict, --json, --xml),
 * prints parsed expressions (--parse), with Nix 2.8's flags, output and exit codes.
 */
final class NixInstantiate {
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;
    private boolean eval;
    private boolean strict;
    private boolean json;
    private boolean xml;
    private boolean parse;
    private boolean location = true;
    /** --read-write-mode: --eval copies sources to the store, so that imports from them work. */
    private boolean readWrite;
    private String addRoot;

    NixInstantiate(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    int run(String[] argv) {
        CommonArgs args = new CommonArgs(inv);
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
                    case "--eval", "--eval-only" -> eval = true;
                    case "--strict" -> strict = true;
                    case "--json" -> json = true;
                    case "--xml" -> xml = true;
                    case "--parse", "--parse-only" -> {
                        parse = true;
                        eval = true;
                    }
                    case "--no-location" -> location = false;
                    case "--readonly-mode" -> readWrite = false;
                    case "--read-write-mode" -> readWrite = true;
                    case "--indirect" -> {
                    }
                    case "--help", "--version" -> {
                        return Help.answer("nix-instantiate", a, out);
                    }
                    case "--add-root" -> {
                        addRoot = CommandLineError.argument(argv, i);
                        i++;
                    }
                    default -> inputs.add(CommandLineError.operand(a));
                }
            }
        } catch (CommandLineError e) {
            return e.report(err, "nix-instantiate");
        }
        return reportingErrors(args, () -> {
            if (eval && readWrite) {
                try (LocalStore store = openWritingStore(args)) {
                    evaluate(args, inputs);
                }
            } else if (eval) {
                evaluate(args, inputs);
            } else {
                instantiate(args, inputs);
            }
        });
    }

    /** The body of a command, which may fail with a Nix error, a store error or an I/O error. */
    private interface Body {
        void run() throws IOException;
    }

    /** Runs the body; a failure is printed as Nix prints errors, with exit status 1. */
    private int reportingErrors(CommonArgs args, Body body) {
        try {
            body.run();
            out.flush();
            return 0;
        } catch (NixError | FormatException | IOException e) {
            return Failures.report(e, out, err, args.showTrace());
        }
    }

    /** The local store, made the one evaluation writes its paths to (sources, toFile texts, .drv files). */
    private LocalStore openWritingStore(CommonArgs args) throws IOException {
        StoreConfig config = StoreConfig.fromEnvironment(inv.env(), err);
        LocalStore store = LocalStore.open(config);
        args.store(new WritingStore(store, new EvalStore(config.storeDir(), err), err));
        return store;
    }

    /** --eval and --parse: prints values (or expressions) as Nix does, writing nothing unless --read-write-mode. */
    private void evaluate(CommonArgs args, List<String> inputs) throws IOException {
        EvalState state = new EvalState(args.options());
        state.traceOutput(err);
        for (Expr e : args.loadInputs(state, inputs)) {
            if (parse) {
                out.println(ExprPrinter.show(e));
                continue;
            }
            Value root = state.eval(e);
            for (Value v : args.select(state, root)) {
                Value r = args.autoCall(state, v);
                if (json) {
                    out.print(JsonPrinter.print(state, r, strict));
                } else if (xml) {
                    out.print(XmlPrinter.print(state, r, strict, location));
                } else {
                    if (strict) {
                        state.forceDeep(r);
                    }
                    out.println(ValuePrinter.print(r));
                }
            }
        }
    }

    /**
     * nix-instantiate without --eval: evaluates to derivations (found as nix-build finds them,
     * see {@link DerivationSearch}), writes their .drv files (and sources) to the store and prints
     * their paths, "!output" appended for an output other than out; with --add-root, makes GC
     * roots ROOT, ROOT-2, ... and prints those instead.
     */
    private void instantiate(CommonArgs args, List<String> inputs) throws IOException {
        try (LocalStore store = openWritingStore(args)) {
            EvalState state = new EvalState(args.options());
            state.traceOutput(err);
            boolean warned = false;
            int rootNr = 0;
            for (Expr e : args.loadInputs(state, inputs)) {
                Value root = state.eval(e);
                for (Value v : args.select(state, root)) {
                    for (DerivationSearch.Found d : args.derivations(state, List.of(v))) {
                        String shown = d.drvPath();
                        String output = d.outputName();
                        if (addRoot == null) {
                            if (!warned) {
                                RootLinks.warnNoRoot(err);
                                warned = true;
                            }
                        } else {
                            String link = RootLinks.numbered(addRoot, ++rootNr);
                            shown = store.addPermRoot(org.nixproc.lang.eval.Bytes.path(inv.cwd()).resolve(link), shown)
                                    .toString();
                        }
                        out.println(org.nixproc.lang.eval.Bytes.fromJava(shown
                                + (output.equals("out") ? "" : "!" + output)));
                    }
                }
            }
        }
    }
}
