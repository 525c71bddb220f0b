package org.nixproc.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.eval.SearchPath;
import org.nixproc.lang.eval.StoreAccess;
import org.nixproc.lang.toplevel.AttrPath;
import org.nixproc.lang.toplevel.AutoArgs;
import org.nixproc.lang.toplevel.DerivationSearch;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixPath;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;
import org.nixproc.store.EvalStore;

/**
 * The flags nix-instantiate and nix-build share: inputs (files, -E), -A attribute paths,
 * --arg/--argstr automatic arguments, -I search path entries and --show-trace; and what Nix
 * does with them: auto-calling a function with the arguments its formals ask for, and
 * following an attribute path through sets and list indices.
 */
final class CommonArgs {
    private final Invocation inv;
    private final List<String> includes = new ArrayList<>();
    private final List<String> attrPaths = new ArrayList<>();
    private final AutoArgs autoArgs = new AutoArgs();
    private boolean fromExpr;
    private boolean showTrace;
    /** The store to use; null means the read-only store the environment names. */
    private StoreAccess store;

    CommonArgs(Invocation inv) {
        this.inv = inv;
    }

    void store(StoreAccess s) {
        store = s;
    }

    boolean showTrace() {
        return showTrace;
    }

    /** Consumes a shared flag at argv[i]; returns how many arguments it took, 0 if not one of these. */
    int parse(String[] argv, int i) throws CommandLineError {
        String a = argv[i];
        switch (a) {
            case "-I", "--include" -> {
                includes.add(CommandLineError.flagArgument(argv, i, 1));
                return 2;
            }
            case "-A", "--attr" -> {
                attrPaths.add(CommandLineError.argument(argv, i));
                return 2;
            }
            case "--arg" -> {
                String value = CommandLineError.flagArgument(argv, i, 2);
                autoArgs.addExpr(argv[i + 1], value);
                return 3;
            }
            case "--argstr" -> {
                String value = CommandLineError.flagArgument(argv, i, 2);
                autoArgs.addString(argv[i + 1], value);
                return 3;
            }
            case "-E", "--expr" -> {
                fromExpr = true;
                return 1;
            }
            case "--show-trace" -> {
                showTrace = true;
                return 1;
            }
            default -> {
                if (a.startsWith("-I") && a.length() > 2) {
                    includes.add(a.substring(2));
                    return 1;
                }
                return 0;
            }
        }
    }

    EvalOptions options() {
        Map<String, String> env = inv.env();
        StoreAccess s = store != null ? store : EvalStore.fromEnvironment(env, inv.err());
        return new EvalOptions(SearchPath.fromEnvironment(includes, env), showTrace, env, inv.cwd(), s);
    }

    /** Whether the operands are expressions (-E), not files. */
    boolean fromExpr() {
        return fromExpr;
    }

    /**
     * The expressions to evaluate: files (default ./default.nix; {@code <a/b.nix>} found through the
     * search path), -E expressions, or "-" for stdin.
     */
    List<Expr> loadInputs(EvalState state, List<String> inputs) throws IOException {
        List<Expr> exprs = new ArrayList<>();
        if (inputs.isEmpty() && !fromExpr) {
            inputs = List.of("./default.nix");
        }
        String cwd = inv.cwd();
        for (String in : inputs) {
            if (in.equals("-")) {
                String text = Bytes.fromArray(inv.in().readAllBytes());
                exprs.add(state.parse(new Source(Source.STDIN, text, false), cwd));
            } else if (fromExpr) {
                exprs.add(state.parse(new Source(Source.STRING, Bytes.fromJava(in), false), cwd));
            } else if (in.length() > 2 && in.startsWith("<") && in.endsWith(">")) {
                exprs.add(state.parseFile(findFile(state, in.substring(1, in.length() - 1)), Pos.NONE));
            } else {
                exprs.add(state.parseFile(Paths.absolute(Bytes.fromJava(in), cwd), Pos.NONE));
            }
        }
        return exprs;
    }

    /** What {@code <name>} stands for, found as the expression would find it. */
    private static String findFile(EvalState state, String name) {
        Value found = state.call(state.global("__findFile").force(),
                new Lazy[] {state.global("__nixPath"), NixString.of(Bytes.fromJava(name))}, Pos.NONE);
        return ((NixPath) found).path();
    }

    /** Nix's autoCallFunction with the --arg/--argstr values (see {@link AutoArgs}). */
    Value autoCall(EvalState state, Value v) {
        return autoCall(state, v, false);
    }

    /**
     * As {@link #autoCall(EvalState, Value)}; nix-instantiate --eval does it only when
     * --arg/--argstr were given, the search for derivations ({@code always}) also without, so that
     * defaults apply.
     */
    Value autoCall(EvalState state, Value v, boolean always) {
        if (autoArgs.isEmpty() && !always) {
            return v;
        }
        return AutoArgs.autoCall(state, v, autoArgs.values(state, inv.cwd()));
    }

    /** The values the -A attribute paths select (the root itself without -A). */
    List<Value> select(EvalState state, Value root) {
        if (attrPaths.isEmpty()) {
            return List.of(root);
        }
        NixAttrs args = autoArgs.values(state, inv.cwd());
        List<Value> out = new ArrayList<>();
        for (String path : attrPaths) {
            out.add(AttrPath.select(state, root, path, args));
        }
        return out;
    }

    /** The derivations in the values (see {@link DerivationSearch}); a function, at the top or in a list, is called first. */
    List<DerivationSearch.Found> derivations(EvalState state, List<Value> values) {
        return DerivationSearch.find(state, v -> autoCall(state, v, true), values);
    }
}
