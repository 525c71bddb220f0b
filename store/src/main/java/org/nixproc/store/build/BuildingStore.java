package org.nixproc.store.build;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.SearchPath;
import org.nixproc.lang.toplevel.AutoArgs;
import org.nixproc.lang.toplevel.DerivationSearch;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.Value;
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
    private final PrintStream log;

    private BuildingStore(LocalStore store, Realiser realiser, WritingStore evalStore, PrintStream log) {
        this.store = store;
        this.realiser = realiser;
        this.evalStore = evalStore;
        this.log = log;
    }

    /** Opens the store of {@code env} (announcing per-user locations on {@code log}), builders logging to {@code log}. */
    public static BuildingStore open(Map<String, String> env, PrintStream log, BuildSettings settings) {
        StoreConfig config = StoreConfig.fromEnvironment(env, log);
        LocalStore store = LocalStore.open(config);
        Realiser realiser = new Realiser(store, log, settings);
        WritingStore ws = new WritingStore(store, new EvalStore(config.storeDir(), log), log);
        ws.builder(drv -> realiser.realise(List.of(drv), false));
        return new BuildingStore(store, realiser, ws, log);
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

    /** Evaluation options over this store: the environment's search path, {@code cwd} (a Nix string). */
    public EvalOptions evalOptions(Map<String, String> env, String cwd, boolean showTrace) {
        return new EvalOptions(SearchPath.fromEnvironment(List.of(), env), showTrace, env, cwd, evalStore);
    }

    /**
     * What {@code nix-build --no-out-link -E expr} builds, as a library: the expression (Java
     * text) evaluated relative to {@code cwd}, its derivations found and built; their output
     * paths. Errors are the evaluator's ({@link NixError}) and the store's.
     */
    public List<String> build(Map<String, String> env, String cwd, String expr, boolean showTrace) {
        String dir = Bytes.fromJava(cwd);
        EvalState st = new EvalState(evalOptions(env, dir, showTrace));
        st.traceOutput(log);
        Value v = st.eval(st.parse(new Source(Source.STRING, Bytes.fromJava(expr), false), dir));
        NixAttrs noArgs = new NixAttrs.Builder().build();
        List<DerivationSearch.Found> found = DerivationSearch.find(st, x -> AutoArgs.autoCall(st, x, noArgs), List.of(v));
        Set<String> drvs = new LinkedHashSet<>();
        found.forEach(d -> drvs.add(d.drvPath()));
        realiser.realise(drvs);
        return found.stream().map(DerivationSearch.Found::outPath).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}
