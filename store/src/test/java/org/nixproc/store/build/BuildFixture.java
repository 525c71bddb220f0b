package org.nixproc.store.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.ast.Source;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.EvalOptions;
import org.nixproc.lang.eval.EvalState;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.store.EvalStore;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.StoreConfig;
import org.nixproc.store.local.WritingStore;

/**
 * A store in a temporary directory, derivations instantiated into it from Nix expressions (with
 * {@code mk NAME SCRIPT}: a /bin/sh derivation running SCRIPT), and realisers logging to memory.
 */
final class BuildFixture implements AutoCloseable {
    /** Nix code defining mk, prepended to each expression. */
    static final String PRELUDE = "let mk = name: script: derivation { inherit name; system = builtins.currentSystem;"
            + " builder = \"/bin/sh\"; args = [ \"-c\" script ]; }; in ";

    final Path tmp;
    final String storeDir;
    final Path stateDir;
    final Path buildRoot;
    final LocalStore store;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.ISO_8859_1);

    BuildFixture(Path tmp) {
        this.tmp = tmp;
        this.storeDir = tmp.resolve("store").toString();
        this.stateDir = tmp.resolve("state");
        this.buildRoot = tmp.resolve("builds");
        this.store = LocalStore.open(config());
    }

    StoreConfig config() {
        return new StoreConfig(storeDir, stateDir);
    }

    BuildSettings settings() {
        return BuildSettings.fromEnvironment(Map.of("TMPDIR", buildRoot.toString()));
    }

    Realiser realiser() {
        return new Realiser(store, log, settings());
    }

    String log() {
        return logBytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The .drv path of the derivation {@code PRELUDE + expr} evaluates to (written to the store). */
    String instantiate(String expr) {
        return instantiate(store, expr);
    }

    String instantiate(LocalStore s, String expr) {
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1);
        WritingStore ws = new WritingStore(s, new EvalStore(storeDir, err), err);
        String cwd = Bytes.fromJava(tmp.toString());
        EvalState st = new EvalState(new EvalOptions(List.of(), false, Map.of(), cwd, ws));
        NixAttrs drv = st.forceAttrs(st.eval(st.parse(new Source(Source.STRING, Bytes.fromJava(PRELUDE + expr), false),
                cwd)), Pos.NONE);
        return Bytes.toJava(st.forceString(drv.get("drvPath"), Pos.NONE).value());
    }

    /** The path of output {@code out} of a derivation. */
    String out(String drvPath) {
        return store.readDerivation(drvPath).outputs().get("out").path();
    }

    /** Lines of a counter file (how many times builders appended to it). */
    static int count(Path counter) {
        try {
            return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        store.close();
        FileTrees.deleteTree(tmp.resolve("store"));
    }
}
