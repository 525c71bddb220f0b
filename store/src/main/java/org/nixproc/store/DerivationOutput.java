package org.nixproc.store;

import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;


/**
 * One output of a derivation as it appears in a {@code .drv} file: its store path, and for
 * fixed-output derivations the hash method/algorithm ({@code sha256}, or {@code r:sha256} for a
 * recursive hash over the NAR) and the expected hash in base-16.
 *
 * <p>Input-addressed outputs have empty {@code hashAlgo} and {@code hash}; while a derivation's
 * output paths are still being computed every field but the name is empty.
 */
public record DerivationOutput(String path, String hashAlgo, String hash) {

    public DerivationOutput {
        if (path == null || hashAlgo == null || hash == null) {
            throw new NullPointerException("derivation output fields are strings, possibly empty");
        }
    }

    /** An input-addressed output at {@code path}. */
    public static DerivationOutput inputAddressed(String path) {
        return new DerivationOutput(path, "", "");
    }

    /** A fixed output at {@code path} with the given expected hash. */
    public static DerivationOutput fixed(String path, boolean recursive, Hash hash) {
        return new DerivationOutput(path, (recursive ? "r:" : "") + hash.algorithm().nixName(),
                hash.toBase16());
    }

    /** An output whose path is not known yet (written as all-empty strings). */
    public static DerivationOutput placeholder() {
        return new DerivationOutput("", "", "");
    }

    /** Whether this output's contents are fixed by a hash. */
    public boolean isFixed() {
        return !hash.isEmpty();
    }

    /** Whether the fixed hash is over the NAR serialisation rather than the flat file. */
    public boolean isRecursive() {
        return hashAlgo.startsWith("r:");
    }

    /** The fixed hash, parsed; only for fixed outputs. */
    public Hash parsedHash() {
        String algo = isRecursive() ? hashAlgo.substring(2) : hashAlgo;
        return Hash.parseNonSRIUnprefixed(hash, HashAlgorithm.parse(algo));
    }

    /** This output moved to another path. */
    public DerivationOutput withPath(String newPath) {
        return new DerivationOutput(newPath, hashAlgo, hash);
    }
}
