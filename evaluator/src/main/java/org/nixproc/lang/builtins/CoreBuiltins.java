package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinProvider;
import org.nixproc.lang.eval.BuiltinRegistry;

/**
 * The builtins of the Nix language itself, one class per domain, all listed here. Those that
 * need a store (derivation, toFile, path, ...) reach it through EvalState.store().
 */
public final class CoreBuiltins implements BuiltinProvider {
    @Override
    public void register(BuiltinRegistry r) {
        ControlBuiltins.register(r);
        TypeBuiltins.register(r);
        ArithmeticBuiltins.register(r);
        ListBuiltins.register(r);
        AttrBuiltins.register(r);
        StringBuiltins.register(r);
        JsonBuiltins.register(r);
        FileBuiltins.register(r);
        ImportBuiltins.register(r);
        ConstantBuiltins.register(r);
        FetchBuiltins.register(r);
        ContextBuiltins.register(r);
        StoreBuiltins.register(r);
        DerivationBuiltins.register(r);
    }
}
