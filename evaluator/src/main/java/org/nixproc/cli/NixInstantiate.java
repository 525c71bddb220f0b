package org.nixproc.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.ExprPrinter;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.print.ErrorPrinter;
import org.nixproc.lang.print.JsonPrinter;
import org.nixproc.lang.print.ValuePrinter;
import org.nixproc.lang.print.XmlPrinter;
import org.nixproc.lang.value.Value;

/**
 * {@code nix-instantiate}: evaluates files or expressions (--eval, --strict, --json, --xml),
 * prints parsed expressions (--parse), with Nix 2.8's flags, output and exit codes.
 */
final class NixInstantiate {
    private final Invocation inv;
    private final PrintStream out;
    private final PrintStream err;

    NixInstantiate(Invocation inv) {
        this.inv = inv;
        this.out = inv.out();
        this.err = inv.err();
    }

    int run(String[] argv) {
        CommonArgs args = new CommonArgs(inv);
        boolean eval = false;
        boolean strict = false;
        boolean json = false;
        boolean xml = false;
        boolean parse = false;
        boolean location = true;
        String addRoot = null;
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
                    case "--readonly-mode", "--read-write-mode", "--indirect" -> {
                    }
                    case "--add-root" -> {
                        if (i + 1 >= argv.length) {
                            throw new UsageError("flag '--add-root' requires 1 argument");
                        }
                        addRoot = argv[++i];
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
            err.println("Try 'nix-instantiate --help' for more information.");
            return 1;
        }
        if (!eval) {
            return instantiate(args, inputs, addRoot);
        }
        EvalState state = new EvalState(args.options());
        state.traceOutput(err);
        try {
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
            out.flush();
            return 0;
        } catch (NixError e) {
            out.flush();
            err.println(ErrorPrinter.format(e, args.showTrace()));
            return 1;
        } catch (StackOverflowError e) {
            out.flush();
            err.println("error: stack overflow (possible infinite recursion)");
            return 1;
        } catch (IOException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * nix-instantiate without --eval: evaluates to derivations (found as nix-build finds them,
     * see {@link DerivationsFound}), writes their .drv files (and sources) to the store and prints
     * their paths, "!output" appended for an output other than out; with --add-root, makes GC
     * roots ROOT, ROOT-2, ... and prints those instead.
     */
    private int instantiate(CommonArgs args, List<String> inputs, String addRoot) {
        org.nixproc.store.local.StoreConfig config = org.nixproc.store.local.StoreConfig.fromEnvironment(inv.env(), err);
        try (org.nixproc.store.local.LocalStore store = org.nixproc.store.local.LocalStore.open(config)) {
            args.store(new org.nixproc.store.local.WritingStore(store,
                    new org.nixproc.store.EvalStore(config.storeDir(), err), err));
            EvalState state = new EvalState(args.options());
            state.traceOutput(err);
            boolean warned = false;
            int rootNr = 0;
            try {
                for (Expr e : args.loadInputs(state, inputs)) {
                    Value root = state.eval(e);
                    for (Value v : args.select(state, root)) {
                        for (String[] d : DerivationsFound.find(state, args, v)) {
                            String shown = org.nixproc.lang.eval.Bytes.toJava(d[0]);
                            String output = org.nixproc.lang.eval.Bytes.toJava(d[1]);
                            if (addRoot == null) {
                                if (!warned) {
                                    err.println("warning: you did not specify '--add-root'; the result might be removed by the garbage collector");
                                    warned = true;
                                }
                            } else {
                                String link = org.nixproc.lang.eval.Paths.absolute(addRoot,
                                        org.nixproc.lang.eval.Bytes.toJava(inv.cwd()));
                                if (++rootNr > 1) {
                                    link += "-" + rootNr;
                                }
                                store.addPermRoot(java.nio.file.Path.of(link), shown);
                                shown = link;
                            }
                            out.println(org.nixproc.lang.eval.Bytes.fromJava(shown
                                    + (output.equals("out") ? "" : "!" + output)));
                        }
                    }
                }
                out.flush();
                return 0;
            } catch (NixError e) {
                out.flush();
                err.println(ErrorPrinter.format(e, args.showTrace()));
                return 1;
            } catch (StackOverflowError e) {
                out.flush();
                err.println("error: stack overflow (possible infinite recursion)");
                return 1;
            } catch (IOException e) {
                out.flush();
                err.println("error: " + e.getMessage());
                return 1;
            }
        } catch (org.nixproc.store.StoreException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Nix's getDerivations, which nix-instantiate and nix-build share: a derivation is taken; an
     * attribute set gives its derivation attributes in name order, descending only into sets
     * with recurseForDerivations = true; a list gives its elements, descending into any; the
     * same attribute set is taken once; anything else at the top is an error. Each derivation
     * gives its drvPath and output name (byte strings).
     */
    static final class DerivationsFound {
        private final EvalState state;
        private final CommonArgs args;
        private final java.util.Set<Object> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private final List<String[]> found = new ArrayList<>();

        private DerivationsFound(EvalState state, CommonArgs args) {
            this.state = state;
            this.args = args;
        }

        static List<String[]> find(EvalState state, CommonArgs args, Value v) {
            DerivationsFound f = new DerivationsFound(state, args);
            f.descend(v);
            return f.found;
        }

        // Takes v if it is a derivation; true if it is not one (so the caller may descend).
        private boolean take(Value v) {
            if (!(v instanceof org.nixproc.lang.value.NixAttrs attrs) || !state.isDerivation(attrs)) {
                return true;
            }
            if (!done.add(attrs)) {
                return false;
            }
            org.nixproc.lang.value.Lazy name = attrs.get("name");
            if (name == null) {
                throw new NixError("derivation name missing", org.nixproc.lang.ast.Pos.NONE);
            }
            state.forceString(name, org.nixproc.lang.ast.Pos.NONE);
            org.nixproc.lang.value.Lazy drvPath = attrs.get("drvPath");
            if (drvPath == null) {
                throw new NixError("derivation does not contain a 'drvPath' attribute", org.nixproc.lang.ast.Pos.NONE);
            }
            String path = state.coerceToString(drvPath, org.nixproc.lang.ast.Pos.NONE, false, false).value();
            org.nixproc.lang.value.Lazy outputName = attrs.get("outputName");
            String output = outputName == null ? "out" : state.forceString(outputName, org.nixproc.lang.ast.Pos.NONE).value();
            found.add(new String[] {path, output.isEmpty() ? "out" : output});
            return false;
        }

        private void descend(Value in) {
            Value v = args.autoCall(state, in);
            if (!take(v)) {
                return;
            }
            if (v instanceof org.nixproc.lang.value.NixAttrs attrs) {
                for (int i = 0; i < attrs.size(); i++) {
                    Value a = attrs.value(i).force();
                    if (take(a) && a instanceof org.nixproc.lang.value.NixAttrs sub) {
                        org.nixproc.lang.value.Lazy r = sub.get("recurseForDerivations");
                        if (r != null && state.forceBool(r, org.nixproc.lang.ast.Pos.NONE)) {
                            descend(a);
                        }
                    }
                }
            } else if (v instanceof org.nixproc.lang.value.NixList list) {
                for (int i = 0; i < list.size(); i++) {
                    Value e = list.get(i).force();
                    if (take(e)) {
                        descend(e);
                    }
                }
            } else {
                throw new NixError("expression does not evaluate to a derivation (or a set or list of those)",
                        org.nixproc.lang.ast.Pos.NONE);
            }
        }
    }
}
