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
                    case "--readonly-mode", "--read-write-mode" -> {
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
            err.println("error: instantiating derivations (nix-instantiate without --eval) is not supported yet");
            return 1;
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
}
