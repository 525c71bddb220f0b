package org.nixproc.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.lang.hash.NixBase32;

/**
 * Store path arithmetic: how Nix names things in the store, and how to pick those names apart.
 *
 * <p>A store path is {@code <storeDir>/<hash>-<name>}, where {@code <hash>} is 32 characters of
 * {@link NixBase32} (160 bits) derived from a description string
 * {@code <type>:sha256:<hex>:<storeDir>:<name>}. The store directory is part of that string, so the
 * same content gets different paths in different stores; it is therefore a parameter everywhere.
 * Nothing here touches the file system.
 */
public final class StorePath {

    public static final String DEFAULT_STORE_DIR = "/nix/store";

    /** Characters in the hash part of a store path's base name. */
    public static final int HASH_PART_LENGTH = 32;

    /** Longest allowed name: 211 keeps base names within common 255-byte file name limits. */
    public static final int MAX_NAME_LENGTH = 211;

    private StorePath() {
    }

    // ---------------------------------------------------------------- names

    /** Whether {@code c} may appear in a store path name. */
    public static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "+-._?=".indexOf(c) >= 0;
    }

    /**
     * Whether {@code name} is a valid store path name by Nix 2.8's rules: non-empty, at most 211
     * characters, only {@code [a-zA-Z0-9+-._?=]}. (Nix 2.8 does accept names starting with a dot,
     * including {@code .} and {@code ..}; only later versions forbid them.)
     */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the name of a store path; Nix's messages quote the whole base name
     * ({@code <hash>-<name>}), so that is passed too.
     */
    public static void checkName(String baseName, String name) {
        if (name.isEmpty()) {
            throw new StoreException("store path '" + baseName + "' has an empty name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new StoreException("store path '" + baseName + "' has a name longer than "
                    + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                // Nix reports a single byte; for a non-ASCII character we report the whole
                // character, since we hold text rather than bytes.
                int cp = name.codePointAt(i);
                throw new StoreException("store path '" + baseName + "' contains illegal character '"
                        + new String(Character.toChars(cp)) + "'");
            }
        }
    }

    /**
     * Validates a base name {@code <hash>-<name>} as Nix 2.8 does when it reads a store path: long
     * enough, a hash part of base-32 digits, a valid name. Like Nix 2.8 it does not check that the
     * separator is a dash; the name is everything after position 33.
     */
    public static void checkBaseName(String baseName) {
        if (baseName.length() < HASH_PART_LENGTH + 1) {
            throw new StoreException("'" + baseName + "' is too short to be a valid store path");
        }
        for (int i = 0; i < HASH_PART_LENGTH; i++) {
            char c = baseName.charAt(i);
            if (!NixBase32.isDigit(c)) {
                throw new StoreException("store path '" + baseName
                        + "' contains illegal base-32 character '" + c + "'");
            }
        }
        checkName(baseName, baseName.substring(HASH_PART_LENGTH + 1));
    }

    // ---------------------------------------------------------------- taking paths apart

    /**
     * The base name of a store path directly inside {@code storeDir}, validated. The path is
     * normalised first (duplicate slashes, {@code .} and {@code ..}, no symlink resolution), as
     * Nix does before checking that it lies directly in the store.
     */
    public static String parseBaseName(String path, String storeDir) {
        String p = canonicalise(path);
        int slash = p.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : p.substring(0, slash);
        if (!dir.equals(storeDir)) {
            throw new StoreException("path '" + p + "' is not in the Nix store");
        }
        String baseName = p.substring(slash + 1);
        checkBaseName(baseName);
        return baseName;
    }

    /** Whether {@code path} is a valid store path (not a path inside one) in {@code storeDir}. */
    public static boolean isStorePath(String path, String storeDir) {
        try {
            parseBaseName(path, storeDir);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    /** Whether {@code path} lies strictly below {@code storeDir} (a store path or inside one). */
    public static boolean isInStore(String path, String storeDir) {
        return path.startsWith(storeDir + "/") && path.length() > storeDir.length() + 1;
    }

    /**
     * The store path containing {@code path}: {@code /nix/store/xxx-foo/bin/sh} gives
     * {@code /nix/store/xxx-foo}; fails if {@code path} is not in the store.
     */
    public static String toStorePath(String path, String storeDir) {
        if (!isInStore(path, storeDir)) {
            throw new StoreException("path '" + path + "' is not in the Nix store");
        }
        int end = path.indexOf('/', storeDir.length() + 1);
        String storePath = end < 0 ? path : path.substring(0, end);
        parseBaseName(storePath, storeDir);
        return storePath;
    }

    /** The 32-character hash part of a store path (which need not be valid). */
    public static String hashPart(String storePath) {
        String base = baseNameOf(storePath);
        return base.substring(0, Math.min(HASH_PART_LENGTH, base.length()));
    }

    /** The name part of a store path: everything after {@code <hash>-}. */
    public static String namePart(String storePath) {
        String base = baseNameOf(storePath);
        return base.length() <= HASH_PART_LENGTH + 1 ? "" : base.substring(HASH_PART_LENGTH + 1);
    }

    private static String baseNameOf(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Lexical normalisation of an absolute path, like Nix's canonPath without symlinks. */
    static String canonicalise(String path) {
        if (isCanonical(path)) {
            return path; // most are: every store path an evaluation meets is checked
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    // Absolute, without empty, "." or ".." components and without a trailing slash.
    private static boolean isCanonical(String p) {
        return p.startsWith("/") && (p.length() == 1 || !p.endsWith("/")) && !p.contains("//")
                && !p.contains("/./") && !p.contains("/../") && !p.endsWith("/.") && !p.endsWith("/..");
    }

    // ---------------------------------------------------------------- making paths

    /**
     * The store path for a description: SHA-256 of {@code <type>:<algo>:<hex>:<storeDir>:<name>},
     * folded to 20 bytes, in base-32. Fails with Nix's messages if {@code name} is invalid.
     */
    public static String makeStorePath(String type, Hash hash, String name, String storeDir) {
        String description = type + ":" + hash.toString(Hash.Format.BASE16, true) + ":" + storeDir
                + ":" + name;
        byte[] digest = Hash.of(HashAlgorithm.SHA256, description).bytes();
        String baseName = NixBase32.encode(Hash.compressHash(digest, 20)) + "-" + name;
        checkName(baseName, name);
        return storeDir + "/" + baseName;
    }

    /** {@link #makeStorePath(String, Hash, String, String)} with a base-16 SHA-256 digest. */
    public static String makeStorePath(String type, String sha256Hex, String name, String storeDir) {
        return makeStorePath(type, Hash.parseNonSRIUnprefixed(sha256Hex, HashAlgorithm.SHA256), name,
                storeDir);
    }

    /**
     * The type string for content with references: {@code <type>:<ref1>:<ref2>...[:self]}, the
     * references as full paths in sorted order (the order is part of the hash).
     */
    public static String makeType(String type, Collection<String> references, boolean selfReference) {
        StringBuilder sb = new StringBuilder(type);
        references.stream().distinct().sorted(Utf8Order.COMPARATOR)
                .forEach(r -> sb.append(':').append(r));
        if (selfReference) {
            sb.append(":self");
        }
        return sb.toString();
    }

    /**
     * The path of a text file added with {@code builtins.toFile} (or a {@code .drv} file):
     * type {@code text} plus its references, hashed over the flat SHA-256 of the contents.
     */
    public static String makeTextPath(String name, Hash contentHash, Collection<String> references,
            String storeDir) {
        if (contentHash.algorithm() != HashAlgorithm.SHA256) {
            throw new IllegalArgumentException("text paths are hashed with sha256");
        }
        return makeStorePath(makeType("text", references, false), contentHash, name, storeDir);
    }

    /** {@link #makeTextPath(String, Hash, Collection, String)} for a UTF-8 string's contents. */
    public static String makeTextPath(String name, String contents, Collection<String> references,
            String storeDir) {
        return makeTextPath(name, Hash.of(HashAlgorithm.SHA256, contents), references, storeDir);
    }

    /**
     * The path of fixed-output content. A recursive (NAR) SHA-256 hash gives a {@code source} path
     * (what {@code builtins.path} and {@code filterSource} produce), which may have references.
     * Any other method/algorithm is described indirectly: the path hashes
     * {@code fixed:out:[r:]<algo>:<hex>:} as type {@code output:out}, and cannot have references.
     */
    public static String makeFixedOutputPath(boolean recursive, Hash hash, String name,
            Collection<String> references, boolean selfReference, String storeDir) {
        if (recursive && hash.algorithm() == HashAlgorithm.SHA256) {
            return makeStorePath(makeType("source", references, selfReference), hash, name, storeDir);
        }
        if (!references.isEmpty() || selfReference) {
            throw new IllegalArgumentException("only recursive sha256 paths can have references");
        }
        String inner = "fixed:out:" + (recursive ? "r:" : "") + hash.toString(Hash.Format.BASE16, true)
                + ":";
        return makeStorePath("output:out", Hash.of(HashAlgorithm.SHA256, inner), name, storeDir);
    }

    /** {@link #makeFixedOutputPath(boolean, Hash, String, Collection, boolean, String)} without references. */
    public static String makeFixedOutputPath(boolean recursive, Hash hash, String name, String storeDir) {
        return makeFixedOutputPath(recursive, hash, name, List.of(), false, storeDir);
    }

    /** The name of a derivation's output path: the derivation name, suffixed for non-"out" outputs. */
    public static String outputPathName(String drvName, String outputName) {
        return outputName.equals("out") ? drvName : drvName + "-" + outputName;
    }

    /** The path of an input-addressed derivation output, from the derivation's hash modulo. */
    public static String makeOutputPath(String outputName, Hash drvHashModulo, String drvName,
            String storeDir) {
        return makeStorePath("output:" + outputName, drvHashModulo, outputPathName(drvName, outputName),
                storeDir);
    }
}
