package org.nixproc.store.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.StoreAccess;
import org.nixproc.store.Derivation;
import org.nixproc.store.EvalStore;
import org.nixproc.store.StoreException;

/**
 * The store as {@code nix-instantiate} (without --eval) and {@code nix-build} use it: every path
 * is computed exactly as the read-only {@link EvalStore} computes it (it is asked first, so
 * checks and messages are the same), and then also written to the {@link LocalStore} and
 * registered valid with its references: copied sources, {@code toFile} texts and {@code .drv}
 * files. Strings cross {@link StoreAccess} as Nix byte strings and are Java strings beyond.
 */
public final class WritingStore implements StoreAccess {
    private final LocalStore store;
    private final EvalStore computing;
    private final PrintStream err;
    /** Builds a derivation (given its .drv path) when a context needs its outputs; null: none can be built. */
    private Consumer<String> builder;

    public WritingStore(LocalStore store, EvalStore computing, PrintStream err) {
        this.store = store;
        this.computing = computing;
        this.err = err;
        computing.closureOf(p -> store.queryRequisites(List.of(p)));
    }

    /** Lets contexts naming unbuilt derivation outputs (import from derivation) build them. */
    public void builder(Consumer<String> drvBuilder) {
        this.builder = drvBuilder;
    }

    public LocalStore localStore() {
        return store;
    }

    @Override
    public String storeDir() {
        return computing.storeDir();
    }

    @Override
    public String copyPathToStore(String path, Pos pos) {
        String result = computing.copyPathToStore(path, pos);
        String target = Bytes.toJava(result);
        if (!store.isValid(target)) {
            String name = target.substring(target.lastIndexOf('/') + 1 + 33);
            String added = storeErrors(() -> store.addPathToStore(name, Bytes.path(path), true, null));
            check(added, target);
        }
        return result;
    }

    @Override
    public String addPath(String name, String path, BiPredicate<String, String> filter, boolean recursive,
            String expectedSha256, Set<String> context, Pos pos) {
        realiseContext(context, pos);
        String result = computing.addPath(name, path, filter, recursive, expectedSha256, Set.of(), pos);
        String target = Bytes.toJava(result);
        if (!store.isValid(target)) {
            BiPredicate<Path, String> f = filter == null ? null
                    : (entry, type) -> filter.test(Bytes.fromJava(entry.toString()), type);
            String added = storeErrors(() -> store.addPathToStore(Bytes.toJava(name), Bytes.path(path), recursive, f));
            check(added, target);
        }
        return result;
    }

    @Override
    public String addTextFile(String name, String contents, Set<String> references, Pos pos) {
        String result = computing.addTextFile(name, contents, references, pos);
        String target = Bytes.toJava(result);
        if (!store.isValid(target)) {
            Set<String> refs = new TreeSet<>();
            references.forEach(r -> refs.add(Bytes.toJava(r)));
            String added = storeErrors(() -> store.addTextToStore(Bytes.toJava(name), Bytes.toArray(contents), refs));
            check(added, target);
        }
        return result;
    }

    @Override
    public BuiltDerivation addDerivation(DerivationSpec spec, Pos pos) {
        BuiltDerivation built = computing.addDerivation(spec, pos);
        String drvPath = Bytes.toJava(built.drvPath());
        if (!store.isValid(drvPath)) {
            Derivation drv = computing.madeDerivation(drvPath);
            if (drv == null) {
                throw new NixError(built.drvPath() + ": derivation not made in this evaluation", pos);
            }
            String written = storeErrors(() -> store.writeDerivation(drv, Bytes.toJava(spec.name())));
            check(written, drvPath);
        }
        return built;
    }

    /**
     * Every store path the context names must be valid; a derivation output that is not is
     * built when a builder is set, as Nix builds for import from derivation.
     */
    @Override
    public void realiseContext(Set<String> context, Pos pos) {
        for (String c : new TreeSet<>(context)) {
            String path;
            if (c.startsWith("!")) {
                int bang = c.indexOf('!', 1);
                String output = Bytes.toJava(c.substring(1, bang));
                String drvPath = Bytes.toJava(c.substring(bang + 1));
                Derivation drv = storeErrors(() -> store.readDerivation(drvPath));
                var out = drv.outputs().get(output);
                path = out == null ? drvPath : out.path();
                if (!store.isValid(path) && builder != null) {
                    builder.accept(drvPath);
                }
            } else {
                path = Bytes.toJava(c.startsWith("=") ? c.substring(1) : c);
            }
            if (!store.isValid(path)) {
                throw new NixError(Bytes.fromJava("path '" + path + "' is not valid"), Pos.NONE);
            }
        }
    }

    @Override
    public String[] storePathOf(String path, Pos pos) {
        return computing.storePathOf(path, pos);
    }

    @Override
    public boolean isStorePath(String path) {
        return computing.isStorePath(path);
    }

    // Written and computed paths must agree; if not, the store code has a bug worth reporting loudly.
    private void check(String written, String computed) {
        if (!written.equals(computed)) {
            err.println("error: internal error: wrote '" + written + "' where '" + computed + "' was computed");
            throw new NixError(Bytes.fromJava("store path mismatch: '" + written + "' is not '" + computed + "'"), Pos.NONE);
        }
    }

    private static <T> T storeErrors(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (StoreException e) {
            throw new NixError(Bytes.fromJava(e.getMessage()), Pos.NONE);
        } catch (java.io.UncheckedIOException e) {
            throw new NixError(Bytes.fromJava(e.getMessage() + ": " + e.getCause().getMessage()), Pos.NONE);
        }
    }
}
