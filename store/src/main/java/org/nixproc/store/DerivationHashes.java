package org.nixproc.store;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
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
    private final Map<String, Hash> memo = new HashMap<>();

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
        if (drv.isFixedOutput()) {
            DerivationOutput out = drv.outputs().get("out");
            return Hash.of(HashAlgorithm.SHA256,
                    "fixed:out:" + out.hashAlgo() + ":" + out.hash() + ":" + out.path());
        }
        // Two inputs can have the same hash modulo (two fixed-output derivations promising the
        // same output); their output names then merge under one key, as in Nix.
        SortedMap<String, SortedSet<String>> replaced = new TreeMap<>(Utf8Order.COMPARATOR);
        drv.inputDrvs().forEach((path, outputNames) -> replaced
                .computeIfAbsent(hashModuloOf(path).toBase16(), k -> new TreeSet<>(Utf8Order.COMPARATOR))
                .addAll(outputNames));
        return Hash.of(HashAlgorithm.SHA256, drv.toATerm(replaced));
    }

    /** The hash modulo of the derivation stored at {@code drvPath}, memoised. */
    public Hash hashModuloOf(String drvPath) {
        Hash h = memo.get(drvPath);
        if (h == null) {
            // Not computeIfAbsent: the computation recurses into this map.
            Derivation drv = loader.apply(drvPath);
            if (drv == null) {
                throw new StoreException("derivation '" + drvPath + "' not found");
            }
            h = hashModulo(drv);
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
        // Sorted copies of sorted maps: copying them again into the derivation compares no keys.
        SortedMap<String, DerivationOutput> outputs = new TreeMap<>(drv.outputs());
        SortedMap<String, String> env = new TreeMap<>(drv.env());
        if (drv.isFixedOutput()) {
            DerivationOutput out = drv.outputs().get("out");
            String path = StorePath.makeFixedOutputPath(out.isRecursive(), out.parsedHash(), drvName,
                    storeDir);
            outputs.put("out", out.withPath(path));
            env.put("out", path);
            return drv.withOutputsAndEnv(outputs, env);
        }
        for (String name : drv.outputs().keySet()) {
            outputs.put(name, DerivationOutput.placeholder());
            env.put(name, "");
        }
        Hash h = hashModulo(drv.withOutputsAndEnv(outputs, env));
        for (String name : drv.outputs().keySet()) {
            String path = StorePath.makeOutputPath(name, h, drvName, storeDir);
            outputs.put(name, DerivationOutput.inputAddressed(path));
            env.put(name, path);
        }
        return drv.withOutputsAndEnv(outputs, env);
    }

    /**
     * The path of the {@code .drv} file: a text path named {@code <name>.drv} over the ATerm,
     * referring to every input source and input derivation.
     */
    public static String drvPath(Derivation drv, String drvName, String storeDir) {
        TreeSet<String> references = new TreeSet<>(Utf8Order.COMPARATOR);
        references.addAll(drv.inputSrcs());
        references.addAll(drv.inputDrvs().keySet());
        return StorePath.makeTextPath(drvName + ".drv", drv.toATerm(), references, storeDir);
    }

    /** {@link #drvPath(Derivation, String, String)} in this hasher's store. */
    public String drvPath(Derivation drv, String drvName) {
        return drvPath(drv, drvName, storeDir);
    }
}
