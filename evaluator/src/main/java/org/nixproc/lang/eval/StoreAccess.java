package org.nixproc.lang.eval;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiPredicate;
import org.nixproc.lang.ast.Pos;

/**
 * What the evaluator needs from a Nix store: its directory, adding source paths, text files and
 * derivations to it (or, read-only, computing the paths they would get), and telling store paths
 * apart. The language alone has no store; the store module supplies one ({@code
 * org.nixproc.store.EvalStore}).
 *
 * <p>Every string here is a Nix byte string (one char per byte, see {@link Bytes}). Failures are
 * {@link NixError}s worded as Nix 2.8 words them. {@link #NONE} is the store that supports nothing:
 * the default methods all fail saying so.
 */
public interface StoreAccess {
    /** The store directory, default /nix/store. */
    String storeDir();

    /**
     * The store path a source path is copied to when it is interpolated into a string (recursive,
     * named after its base name), adding it to the store unless read-only; memoised per path.
     */
    default String copyPathToStore(String path, Pos pos) {
        throw unsupported("copying path '" + path + "' to the store", pos);
    }

    /**
     * builtins.path and filterSource: the store path of {@code path} under {@code name}, hashed
     * over its NAR (recursive, leaving out what {@code filter} rejects: it gets each entry's path
     * and type, null for no filter) or over the file's contents (flat). A non-null
     * {@code expectedSha256} (empty allowed, as Nix allows) must give the same path. The store
     * paths in {@code context} (the path string's) must be valid. Failures after the hash is
     * parsed are traced "while adding path" at {@code pos}.
     */
    default String addPath(String name, String path, BiPredicate<String, String> filter, boolean recursive,
            String expectedSha256, Set<String> context, Pos pos) {
        throw unsupported("adding path '" + path + "' to the store", pos);
    }

    /** builtins.toFile: the store path of a text file referring to {@code references}. */
    default String addTextFile(String name, String contents, Set<String> references, Pos pos) {
        throw unsupported("adding file '" + name + "' to the store", pos);
    }

    /**
     * derivationStrict, once the attributes are evaluated: turns the context into inputs, checks
     * what Nix checks then (errors at {@code pos}, the position of the name attribute), computes
     * the output paths and the .drv path, and remembers the derivation for those that use it.
     */
    default BuiltDerivation addDerivation(DerivationSpec spec, Pos pos) {
        throw unsupported("adding derivation '" + spec.name() + "' to the store", pos);
    }

    /**
     * builtins.storePath: {@code path} with symlinks resolved (unless it is itself a store path),
     * checked to lie in the store. Gives that path and the store path containing it.
     */
    default String[] storePathOf(String path, Pos pos) {
        throw unsupported("using store path '" + path + "'", pos);
    }

    /**
     * Nix's realiseContext, before a builtin reads a path given as a string with context: every
     * store path the context names must be valid (and derivation outputs built).
     */
    default void realiseContext(Set<String> context, Pos pos) {
        if (!context.isEmpty()) {
            throw unsupported("realising the context of a path", pos);
        }
    }

    /** Whether {@code path} is a store path (directly in the store directory, with a valid name). */
    default boolean isStorePath(String path) {
        return false;
    }

    private static NixError unsupported(String what, Pos pos) {
        return new NixError(what + " is not supported yet", pos);
    }

    /**
     * The evaluated attributes of a derivation: name, builder, system, args, the environment
     * (every other attribute, as a string), the output names (distinct, not empty), the
     * fixed-output attributes (outputHash null when absent, outputHashAlgo empty when absent), and
     * the string context of everything, which names its inputs.
     */
    record DerivationSpec(String name, String builder, String platform, List<String> args,
            SortedMap<String, String> env, Set<String> outputs, String outputHash, String outputHashAlgo,
            boolean recursive, Set<String> context) {
    }

    /** The paths of a derivation: its .drv file, and each output name's path. */
    record BuiltDerivation(String drvPath, SortedMap<String, String> outputPaths) {
    }

    /** No store: every store operation is an error that says so. */
    StoreAccess NONE = () -> {
        String dir = System.getenv("NIX_STORE_DIR");
        return dir == null || dir.isEmpty() ? "/nix/store" : Bytes.fromJava(dir);
    };
}
