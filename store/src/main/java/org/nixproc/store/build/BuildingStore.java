package org.nixproc.store.build;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.SearchPath;
import org.nixproc.store.EvalStore;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.WritingStore;

/**
 * The local store the environment names, opened for evaluating and building as nix-build does:
 * a realiser with the given build settings, and the writing store evaluations use, which writes
 * .drv files and sources and builds what an evaluation reads from a derivation's output.
 */
public final class BuildingStore implements AutoCloseable {
    private final LocalStore store;
    private final Realiser realiser;
    private final WritingStore evalStore;

    private BuildingStore(LocalStore store, Realiser realiser, WritingStore evalStore) {
        this.store = store;
        this.realiser = realiser;
        this.evalStore = evalStore;
    }

    /** Opens the store of {@code env} (announcing per-user locations on {@code log}), builders logging to {@code log}. */
    public static BuildingStore open(Map<String, String> env, PrintStream log, BuildSettings settings) {
        StoreConfig config = StoreConfig.fromEnvironment(env, log);
        LocalStore store = LocalStore.open(config);
        Realiser realiser = new Realiser(store, log, settings);
        WritingStore ws = new WritingStore(store, new EvalStore(config.storeDir(), log), log);
        ws.builder(drv -> realiser.realise(List.of(drv), false));
        return new BuildingStore(store, realiser, ws);
    }

    public LocalStore store() {
        return store;
    }

    public Realiser realiser() {
        return realiser;
    }

    /** The store an evaluation that writes and builds uses. */
    public WritingStore evalStore() {
        return evalStore;
    }

    /** Evaluation options over this store: the environment's search path, no traces, {@code cwd} (a Nix string). */
    public EvalOptions evalOptions(Map<String, String> env, String cwd) {
        return new EvalOptions(SearchPath.fromEnvironment(List.of(), env), false, env, cwd, evalStore);
    }

    @Override
    public void close() {
        store.close();
    }
}
