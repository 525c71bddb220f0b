package org.nixproc.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * Nix's "hash modulo" of derivations, and the store paths computed from it: the output paths of a
 * new derivation and the path of its {@code .drv} file.
 *
 * <p>Output paths of an input-addressed derivation depend on the whole build graph below it, but
 * must not change when a fixed-output derivation deep in that graph merely changes its recipe
 * (say, a mirror URL) while promising the same output. So a fixed-output derivation is hashed as
 * {@code fixed:out:<method:algo>:<hex>:<outPath>} alone, and any other derivation is hashed as its
 * ATerm with each input {@code .drv} path replaced by the base-16 hash modulo of that input,
 * recursively. Input hashes are memoised per {@code .drv} path, as a build graph shares many
 * inputs.
 */
public final class DerivationHashes {

    private final String storeDir;
    private final Function<String, Derivation> loader;
    /** The hash modulo of each .drv path met, in base 16 (the form input derivations are hashed in). */
    private final Map<String, String> memo = new HashMap<>();
    private final ATermWriter aterm = new ATermWriter();

    /**
     * @param storeDir the store the derivations live in (part of every computed path)
     * @param loader   gives the derivation stored at a {@code .drv} path
     */
    public DerivationHashes(String storeDir, Function<String, Derivation> loader) {
        this.storeDir = storeDir;
        this.loader = loader;
    }

    /** A hasher for the default store {@code /nix/store}. */
    public DerivationHashes(Function<String, Derivation> loader) {
        this(StorePath.DEFAULT_STORE_DIR, loader);
    }

    /** One-off {@link #hashModulo(Derivation)} without keeping the memo. */
    public static Hash hashModulo(Derivation drv, Function<String, Derivation> loader) {
        return new DerivationHashes(loader).hashModulo(drv);
    }

    /** The hash modulo of {@code drv} (SHA-256). */
    public Hash hashModulo(Derivation drv) {
        return drv.isFixedOutput() ? fixedHashModulo(drv) : aterm.write(drv, inputHashes(drv)).sha256();
    }

    // A fixed-output derivation is hashed by what it promises alone.
    private static Hash fixedHashModulo(Derivation drv) {
        DerivationOutput out = drv.outputs().get("out");
        return Hash.of(HashAlgorithm.SHA256, "fixed:out:" + out.hashAlgo() + ":" + out.hash() + ":" + out.path());
    }

    /**
     * The input derivations keyed by their hashes modulo. Two inputs can have the same hash
     * modulo (two fixed-output derivations promising the same output); their output names then
     * merge under one key, as in Nix.
     */
    private SortedMap<String, Collection<String>> inputHashes(Derivation drv) {
        SortedMap<String, Collection<String>> replaced = new TreeMap<>(Utf8Order.COMPARATOR);
        drv.inputDrvs().forEach((path, outputNames) -> replaced.merge(hashModuloOf(path), outputNames,
                DerivationHashes::union));
        return replaced;
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        TreeSet<String> both = new TreeSet<>(Utf8Order.COMPARATOR);
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    /** The hash modulo of the derivation stored at {@code drvPath}, in base 16, memoised. */
    private String hashModuloOf(String drvPath) {
        String h = memo.get(drvPath);
        if (h == null) {
            // Not computeIfAbsent: the computation recurses into this map.
            Derivation drv = loader.apply(drvPath);
            if (drv == null) {
                throw new StoreException("derivation '" + drvPath + "' not found");
            }
            h = hashModulo(drv).toBase16();
            memo.put(drvPath, h);
        }
        return h;
    }

    /**
     * Fills in the output paths of a derivation being created (as {@code derivation} does): its
     * outputs' paths and the environment variables named after the outputs. A fixed-output
     * derivation's path follows from its hash alone. For any other, the outputs and their
     * variables are first blanked to {@code ""} (a derivation cannot hash its own output paths),
     * the hash modulo of that is taken, and each output path is made from it.
     *
     * @param drvName the derivation's {@code name}
     */
    public Derivation withOutputPaths(Derivation drv, String drvName) {
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>(Utf8Order.COMPARATOR);
        SortedMap<String, String> env = new TreeMap<>(drv.env());
        if (drv.isFixedOutput()) {
            DerivationOutput out = drv.outputs().get("out");
            String path = StorePath.makeFixedOutputPath(out.isRecursive(), out.parsedHash(), drvName,
                    storeDir);
            outputs.put("out", out.withPath(path));
            env.put("out", path);
            return drv.adoptingOutputsAndEnv(outputs, env);
        }
        // This leaves the blanked derivation written, which make() goes on from.
        Hash h = hashModulo(blanked(drv));
        for (String name : drv.outputs().keySet()) {
            String path = StorePath.makeOutputPath(name, h, drvName, storeDir);
            outputs.put(name, DerivationOutput.inputAddressed(path));
            env.put(name, path);
        }
        return drv.adoptingOutputsAndEnv(outputs, env);
    }

    // The derivation with its outputs and their variables empty; the derivation function makes
    // its derivations so already, and no copy is made then.
    private static Derivation blanked(Derivation drv) {
        DerivationOutput blank = DerivationOutput.placeholder();
        boolean isBlank = true;
        for (String name : drv.outputs().keySet()) {
            isBlank &= drv.outputs().get(name).equals(blank) && "".equals(drv.env().get(name));
        }
        if (isBlank) {
            return drv;
        }
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>(Utf8Order.COMPARATOR);
        SortedMap<String, String> env = new TreeMap<>(drv.env());
        for (String name : drv.outputs().keySet()) {
            outputs.put(name, blank);
            env.put(name, "");
        }
        return drv.adoptingOutputsAndEnv(outputs, env);
    }

    /** A derivation made, with its output paths, and the path of its {@code .drv} file. */
    public record Made(Derivation derivation, String drvPath) {
    }

    /**
     * Makes a derivation as the {@code derivation} function does: fills in its output paths
     * ({@link #withOutputPaths}) and computes its .drv path. Its hash modulo is remembered, so that
     * derivations depending on it need not load it (as Nix does: a read-only evaluation has no .drv
     * file to load it from). Unless it is fixed-output, the text written for its output paths
     * serves the other two hashes.
     */
    public Made make(Derivation drv, String drvName) {
        Derivation done = withOutputPaths(drv, drvName);
        if (done.isFixedOutput()) {
            String path = drvPath(aterm.write(done, done.inputDrvs()).sha256(), done, drvName, storeDir);
            memo.put(path, fixedHashModulo(done).toBase16());
            return new Made(done, path);
        }
        String path = drvPath(aterm.sha256With(done.outputs(), done.inputDrvs()), done, drvName, storeDir);
        memo.put(path, aterm.sha256With(done.outputs(), null).toBase16());
        return new Made(done, path);
    }

    /**
     * The path of the {@code .drv} file: a text path named {@code <name>.drv} over the ATerm,
     * referring to every input source and input derivation.
     */
    public static String drvPath(Derivation drv, String drvName, String storeDir) {
        return drvPath(new ATermWriter().write(drv, drv.inputDrvs()).sha256(), drv, drvName, storeDir);
    }

    private static String drvPath(Hash text, Derivation drv, String drvName, String storeDir) {
        TreeSet<String> references = new TreeSet<>(Utf8Order.COMPARATOR);
        references.addAll(drv.inputSrcs());
        references.addAll(drv.inputDrvs().keySet());
        return StorePath.makeTextPath(drvName + ".drv", text, references, storeDir);
    }
}
