package org.nixproc.lang.eval;

/**
 * A set of builtins. The language's own and any plug-in's (the store, process management) are
 * found with {@link java.util.ServiceLoader} and registered in that order, later ones winning.
 * They are found once: one instance registers its builtins in every evaluation, concurrent ones
 * included, so it holds no state.
 */
public interface BuiltinProvider {
    void register(BuiltinRegistry registry);
}
