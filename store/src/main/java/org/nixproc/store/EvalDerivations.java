package org.nixproc.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.IoErrors;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.StoreAccess.BuiltDerivation;
import org.nixproc.lang.eval.StoreAccess.DerivationSpec;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * The second half of derivationStrict: from the evaluated attributes of a derivation to its store
 * derivation, output paths and .drv path, checking what Nix 2.8 checks at that point in that
 * order. Nothing is written: of each derivation made only its hash modulo is kept for the rest of
 * the evaluation, so that derivations depending on it can be hashed (Nix's read-only mode does
 * the same); a derivation not made here is read from its .drv file if there is one.
 *
 * <p>Strings arrive as Nix byte strings and are converted to the Java strings of
 * {@link Derivation} here.
 */
final class EvalDerivations {
    private final String storeDir;
    private final Consumer<String> warnings;
    /** Derivations read from .drv files, by path. */
    private final Map<String, Derivation> read = new HashMap<>();
    /** The derivation made last and its path, for a store that writes it. */
    private Derivation lastMade;
    private String lastMadePath;
    private final DerivationHashes hashes;
    /** The closure of a valid path, for "=drv" contexts; null in the read-only store, which has none. */
    private java.util.function.Function<String, Set<String>> closure;

    /** @param storeDir the store directory, a Java string; warnings get Nix's warning texts */
    EvalDerivations(String storeDir, Consumer<String> warnings) {
        this.storeDir = storeDir;
        this.warnings = warnings;
        this.hashes = new DerivationHashes(storeDir, this::load);
    }

    /** The derivation made last if its .drv path is {@code drvPath}, or null. */
    Derivation lastMade(String drvPath) {
        return drvPath.equals(lastMadePath) ? lastMade : null;
    }

    void closure(java.util.function.Function<String, Set<String>> f) {
        closure = f;
    }

    BuiltDerivation add(DerivationSpec spec, Pos pos) {
        SortedMap<String, SortedSet<String>> inputDrvs = new TreeMap<>(Utf8Order.COMPARATOR);
        SortedSet<String> inputSrcs = new TreeSet<>(Utf8Order.COMPARATOR);
        // In Nix's order, which decides the error when several elements are wrong.
        Set<String> context = spec.context() instanceof SortedSet<String> sorted && sorted.comparator() == null
                ? sorted : new TreeSet<>(spec.context());
        for (String c : context) {
            addInput(Bytes.toJava(c), inputDrvs, inputSrcs);
        }
        if (spec.builder().isEmpty()) {
            throw new NixError("required attribute 'builder' missing", pos);
        }
        if (spec.platform().isEmpty()) {
            throw new NixError("required attribute 'system' missing", pos);
        }
        String name = Bytes.toJava(spec.name());
        if (name.endsWith(".drv")) {
            throw new NixError("derivation names are not allowed to end in '.drv'", pos);
        }
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>(Utf8Order.COMPARATOR);
        if (spec.outputHash() != null) {
            if (!spec.outputs().equals(Set.of("out"))) {
                throw new NixError("multiple outputs are not supported in fixed-output derivations", pos);
            }
            Hash h = EvalStore.parseHashAllowEmpty(spec.outputHash(),
                    HashAlgorithm.parseOrNull(Bytes.toJava(spec.outputHashAlgo())), warnings);
            outputs.put("out", DerivationOutput.fixed("", spec.recursive(), h));
        }
        SortedMap<String, String> env = new TreeMap<>(Utf8Order.COMPARATOR);
        spec.env().forEach((k, v) -> env.put(Bytes.toJava(k), Bytes.toJava(v)));
        if (spec.outputHash() == null) {
            // Blank, as the hash modulo that names the outputs needs them.
            for (String o : spec.outputs()) {
                outputs.put(Bytes.toJava(o), DerivationOutput.placeholder());
                env.put(Bytes.toJava(o), "");
            }
        }
        List<String> args = new ArrayList<>();
        spec.args().forEach(a -> args.add(Bytes.toJava(a)));
        Derivation drv = Derivation.adopt(outputs, inputDrvs, inputSrcs, Bytes.toJava(spec.platform()),
                Bytes.toJava(spec.builder()), args, env);
        return EvalStore.storeErrors(() -> finish(drv, name));
    }

    private BuiltDerivation finish(Derivation masked, String name) {
        DerivationHashes.Made made = hashes.make(masked, name);
        Derivation drv = made.derivation();
        String drvPath = made.drvPath();
        lastMade = drv;
        lastMadePath = drvPath;
        TreeMap<String, String> paths = new TreeMap<>();
        drv.outputs().forEach((o, out) -> paths.put(Bytes.fromJava(o), Bytes.fromJava(out.path())));
        return new BuiltDerivation(Bytes.fromJava(drvPath), paths);
    }

    /**
     * One element of the context: "=drv" (the derivation with its whole closure, which needs a
     * valid path), "!output!drv" (one output of a derivation) or a plain store path (a source).
     */
    private void addInput(String c, SortedMap<String, SortedSet<String>> inputDrvs, SortedSet<String> inputSrcs) {
        if (c.startsWith("=")) {
            String drvPath = parseStorePath(c.substring(1));
            if (closure == null) {
                throw new NixError(Bytes.fromJava("path '" + drvPath + "' is not valid"), Pos.NONE);
            }
            // As Nix: every path of the closure is a source, and each derivation in it also an
            // input derivation with all its outputs.
            for (String p : closure.apply(drvPath)) {
                inputSrcs.add(p);
                if (p.endsWith(".drv")) {
                    inputDrvs.computeIfAbsent(p, k -> new TreeSet<>(Utf8Order.COMPARATOR)).addAll(load(p).outputs().keySet());
                }
            }
        } else if (c.startsWith("!")) {
            int bang = c.indexOf('!', 1);
            String drvPath = parseStorePath(c.substring(bang + 1));
            inputDrvs.computeIfAbsent(drvPath, k -> new TreeSet<>(Utf8Order.COMPARATOR)).add(c.substring(1, bang));
        } else {
            inputSrcs.add(parseStorePath(c));
        }
    }

    private String parseStorePath(String path) {
        EvalStore.storeErrors(() -> StorePath.parseBaseName(path, storeDir));
        return path;
    }

    // A derivation in the store's directory (one made here is needed for its hash modulo only, kept).
    private Derivation load(String drvPath) {
        Derivation drv = read.get(drvPath);
        if (drv != null) {
            return drv;
        }
        Path file = Path.of(drvPath);
        if (!Files.isRegularFile(file)) {
            throw new NixError(Bytes.fromJava("path '" + drvPath + "' is not valid"), Pos.NONE);
        }
        try {
            drv = Derivation.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NixError(Bytes.fromJava("opening file '" + drvPath + "': " + IoErrors.reason(e)), Pos.NONE);
        }
        read.put(drvPath, drv);
        return drv;
    }
}
