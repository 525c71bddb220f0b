package org.nixproc.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.eval.SearchPath;
import org.nixproc.lang.eval.StoreAccess;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
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
    private final Map<String, String[]> autoArgs = new LinkedHashMap<>();
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
    int parse(String[] argv, int i) throws UsageError {
        String a = argv[i];
        switch (a) {
            case "-I", "--include" -> {
                includes.add(UsageError.flagArgument(argv, i, 1));
                return 2;
            }
            case "-A", "--attr" -> {
                attrPaths.add(UsageError.argument(argv, i));
                return 2;
            }
            case "--arg" -> {
                String value = UsageError.flagArgument(argv, i, 2);
                autoArgs.put(argv[i + 1], new String[] {"expr", value});
                return 3;
            }
            case "--argstr" -> {
                String value = UsageError.flagArgument(argv, i, 2);
                autoArgs.put(argv[i + 1], new String[] {"str", value});
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

    private NixAttrs autoArgValues(EvalState state) {
        NixAttrs.Builder b = new NixAttrs.Builder(autoArgs.size());
        for (Map.Entry<String, String[]> e : autoArgs.entrySet()) {
            String[] v = e.getValue();
            b.put(e.getKey(), v[0].equals("str") ? NixString.of(Bytes.fromJava(v[1])) : lazyExpr(state, v[1], inv.cwd()));
        }
        return b.build();
    }

    private static Lazy lazyExpr(EvalState state, String text, String cwd) {
        Expr e = state.parse(new Source(Source.STRING, Bytes.fromJava(text), false), cwd);
        return state.lazy(e);
    }

    /** Nix's autoCallFunction: a function with formals is called with the --arg/--argstr values it names. */
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
        return autoCall(state, v, autoArgValues(state));
    }

    private static Value autoCall(EvalState state, Value v, NixAttrs args) {
        if (v instanceof NixAttrs attrs && attrs.has("__functor")) {
            return autoCall(state, state.call(attrs.get("__functor").force(), attrs, Pos.NONE), args);
        }
        if (!(v instanceof Lambda l) || !l.expr().hasFormals()) {
            return v;
        }
        NixAttrs.Builder b = new NixAttrs.Builder();
        if (l.expr().ellipsis()) {
            for (int i = 0; i < args.size(); i++) {
                b.put(args.name(i), args.value(i));
            }
        } else {
            for (org.nixproc.lang.ast.Formal f : l.expr().formals()) {
                Lazy given = args.get(f.name());
                if (given != null) {
                    b.put(f.name(), given);
                } else if (f.defaultValue() == null) {
                    throw new NixError("cannot evaluate a function that has an argument without a value ('"
                            + f.name() + "')\n\nNix attempted to evaluate a function as a top level expression; in\n"
                            + "this case it must have its arguments supplied either by default\n"
                            + "values, or passed explicitly with '--arg' or '--argstr'. See\n"
                            + "https://nixos.org/manual/nix/stable/#ss-functions.", f.pos());
                }
            }
        }
        return state.call(v, b.build(), Pos.NONE);
    }

    /** The values the -A attribute paths select (the root itself without -A). */
    List<Value> select(EvalState state, Value root) {
        if (attrPaths.isEmpty()) {
            return List.of(root);
        }
        NixAttrs args = autoArgValues(state);
        List<Value> out = new ArrayList<>();
        for (String path : attrPaths) {
            out.add(selectPath(state, root, path, args));
        }
        return out;
    }

    private static Value selectPath(EvalState state, Value root, String path, NixAttrs args) {
        Value v = root;
        for (String attr : splitAttrPath(path)) {
            v = autoCall(state, v, args);
            if (attr.matches("[0-9]+")) {
                if (!(v instanceof NixList list)) {
                    throw new NixError("the expression selected by the selection path '" + path
                            + "' should be a list but is " + v.describe(), Pos.NONE);
                }
                int idx = Integer.parseInt(attr);
                if (idx >= list.size()) {
                    throw new NixError("list index " + idx + " in selection path '" + path + "' is out of range",
                            Pos.NONE);
                }
                v = list.get(idx).force();
            } else {
                if (!(v instanceof NixAttrs attrs)) {
                    throw new NixError("the expression selected by the selection path '" + path
                            + "' should be a set but is " + v.describe(), Pos.NONE);
                }
                Lazy a = attrs.get(attr);
                if (a == null) {
                    throw new NixError("attribute '" + attr + "' in selection path '" + path + "' not found",
                            Pos.NONE, org.nixproc.lang.eval.Suggestions.didYouMean(attr, attrs.names()));
                }
                v = a.force();
            }
        }
        return v;
    }

    /** Splits "a.b.\"c.d\"" into a, b, c.d. */
    static List<String> splitAttrPath(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
