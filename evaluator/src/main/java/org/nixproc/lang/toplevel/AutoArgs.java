package org.nixproc.lang.toplevel;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nixproc.lang.ast.Expr;
import org.nixproc.lang.ast.Formal;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lambda;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The automatic arguments of a top-level expression (nix-instantiate's and nix-build's --arg and
 * --argstr), and Nix's autoCallFunction with them: a function with formals is called with the
 * arguments it names.
 */
public final class AutoArgs {
    /** A --arg (Nix expression text) or --argstr (the string itself). */
    private record Given(boolean isExpr, String text) {
    }

    private final Map<String, Given> given = new LinkedHashMap<>();

    /** --arg NAME EXPR: a Nix expression, parsed lazily relative to the working directory. */
    public void addExpr(String name, String expr) {
        given.put(name, new Given(true, expr));
    }

    /** --argstr NAME VALUE. */
    public void addString(String name, String value) {
        given.put(name, new Given(false, value));
    }

    public boolean isEmpty() {
        return given.isEmpty();
    }

    /** The arguments as a set of values; expressions are thunks, parsed relative to {@code cwd}. */
    public NixAttrs values(EvalState state, String cwd) {
        NixAttrs.Builder b = new NixAttrs.Builder(given.size());
        for (Map.Entry<String, Given> e : given.entrySet()) {
            Given g = e.getValue();
            b.put(e.getKey(), g.isExpr() ? lazyExpr(state, g.text(), cwd) : NixString.of(Bytes.fromJava(g.text())));
        }
        return b.build();
    }

    private static Lazy lazyExpr(EvalState state, String text, String cwd) {
        Expr e = state.parse(new Source(Source.STRING, Bytes.fromJava(text), false), cwd);
        return state.lazy(e);
    }

    /**
     * Nix's autoCallFunction: {@code v} called with the arguments its formals name (all of
     * {@code args} for a function with an ellipsis), through {@code __functor}; any other value
     * as it is. A formal with neither a value nor a default is Nix's error.
     */
    public static Value autoCall(EvalState state, Value v, NixAttrs args) {
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
            for (Formal f : l.expr().formals()) {
                Lazy arg = args.get(f.name());
                if (arg != null) {
                    b.put(f.name(), arg);
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
}
