package org.nixproc.lang.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.PrimOp;
import org.nixproc.lang.value.Thunk;
import org.nixproc.lang.value.Value;

/**
 * The global names of an evaluation, declared as Nix declares its primops: a name starting with
 * "__" is bound globally under that name and in {@code builtins} without the prefix; any other
 * name is bound both globally and in {@code builtins}.
 */
public final class BuiltinRegistry {
    private final EvalState state;
    private final Map<String, Lazy> globals = new LinkedHashMap<>();

    BuiltinRegistry(EvalState state) {
        this.state = state;
    }

    public EvalState state() {
        return state;
    }

    public void primop(String name, int arity, PrimOp.Impl impl) {
        globals.put(name, new PrimOp(builtinName(name), arity, impl));
    }

    public void constant(String name, Value value) {
        globals.put(name, value);
    }

    /** A constant computed on first use (the search path, a builtin written in Nix). */
    public void lazyConstant(String name, Function<EvalState, Value> compute) {
        globals.put(name, new Thunk() {
            @Override
            protected Value compute() {
                return compute.apply(state);
            }

            @Override
            protected void release() {
            }
        });
    }

    Map<String, Lazy> globals() {
        return globals;
    }

    public static String builtinName(String name) {
        return name.startsWith("__") ? name.substring(2) : name;
    }
}
