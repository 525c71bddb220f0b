package org.nixproc.store;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nixproc.lang.ast.Pos;
import org.nixproc.lang.eval.Bytes;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.eval.Paths;
import org.nixproc.lang.eval.StoreAccess;
import org.nixproc.lang.hash.FormatException;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;

/**
 * The store as {@code nix-instantiate --eval} uses it: read-only. Sources, text files and
 * derivations get the store paths Nix would give them, but nothing is written; derivations made
 * are remembered by their hashes for the rest of the evaluation ({@link EvalDerivations}), copied
 * sources per source path. Like Nix's read-only evaluation against a store it cannot query, it
 * holds no valid paths: a string whose context must be realised fails with "path '…' is not valid".
 *
 * <p>The store directory comes from NIX_STORE_DIR (or NIX_STORE), default /nix/store. Strings
 * cross {@link StoreAccess} as Nix byte strings and are Java strings inside.
 */
public final class EvalStore implements StoreAccess {
    private final String storeDir;
    private final Consumer<String> warnings;
    private final Map<String, String> copied = new HashMap<>();
    private final EvalDerivations derivations;

    /**
     * @param storeDir the store directory (a Java string)
     * @param err      where warnings go (standard error)
     */
    public EvalStore(String storeDir, PrintStream err) {
        this.storeDir = storeDir;
        this.warnings = msg -> err.println("warning: " + msg);
        this.derivations = new EvalDerivations(storeDir, warnings);
    }

    /** The store an environment names, as Nix reads NIX_STORE_DIR and NIX_STORE. */
    public static EvalStore fromEnvironment(Map<String, String> env, PrintStream err) {
        String dir = env.get("NIX_STORE_DIR");
        if (dir == null || dir.isEmpty()) {
            dir = env.get("NIX_STORE");
        }
        if (dir == null || dir.isEmpty()) {
            dir = StorePath.DEFAULT_STORE_DIR;
        }
        return new EvalStore(Paths.canonical(dir), err);
    }

    /**
     * The derivation just made at {@code drvPath} (a Java string), for a store that writes it;
     * null if the last derivation made is another one (only that one is kept).
     */
    public Derivation madeDerivation(String drvPath) {
        return derivations.lastMade(drvPath);
    }

    /**
     * For a store that has valid paths: how to get the closure of one (Java strings), which
     * "=drv" contexts (a derivation's drvPath with its closure) need.
     */
    public void closureOf(java.util.function.Function<String, Set<String>> closure) {
        derivations.closure(closure);
    }

    @Override
    public String storeDir() {
        return Bytes.fromJava(storeDir);
    }

    @Override
    public String copyPathToStore(String path, Pos pos) {
        if (path.endsWith(".drv")) {
            throw new NixError("file names are not allowed to end in '.drv'", Pos.NONE);
        }
        String done = copied.get(path);
        if (done == null) {
            String p = Bytes.toJava(path);
            done = Bytes.fromJava(storeErrors(() -> StorePath.makeFixedOutputPath(true,
                    SourceFiles.narHash(p, null), Bytes.toJava(Paths.baseNameOf(path)), storeDir)));
            copied.put(path, done);
        }
        return done;
    }

    @Override
    public String addPath(String name, String path, BiPredicate<String, String> filter, boolean recursive,
            String expectedSha256, Set<String> context, Pos pos) {
        Hash expected = expectedSha256 == null ? null
                : parseHashAllowEmpty(expectedSha256, HashAlgorithm.SHA256, warnings);
        try {
            realiseContext(context, pos);
            String n = Bytes.toJava(name);
            String p = Bytes.toJava(path);
            String expectedPath = expected == null ? null
                    : storeErrors(() -> StorePath.makeFixedOutputPath(recursive, expected, n, storeDir));
            BiPredicate<String, String> f = filter == null ? null
                    : (entry, type) -> filter.test(Bytes.fromJava(entry), type);
            String got = storeErrors(() -> StorePath.makeFixedOutputPath(recursive,
                    recursive ? SourceFiles.narHash(p, f) : SourceFiles.flatHash(p), n, storeDir));
            if (expectedPath != null && !expectedPath.equals(got)) {
                throw new NixError("store path mismatch in (possibly filtered) path added from '" + path + "'",
                        Pos.NONE);
            }
            return Bytes.fromJava(got);
        } catch (NixError e) {
            throw e.addTrace(pos, "while adding path '" + path + "'");
        }
    }

    /** The read-only store knows no valid paths (see the class comment): any context fails. */
    @Override
    public void realiseContext(Set<String> context, Pos pos) {
        for (String c : new TreeSet<>(context)) {
            String storePath = c.startsWith("!") ? c.substring(c.indexOf('!', 1) + 1) : c.startsWith("=") ? c.substring(1) : c;
            String p = Bytes.toJava(storePath);
            storeErrors(() -> StorePath.parseBaseName(p, storeDir));
            throw new NixError("path '" + storePath + "' is not valid", Pos.NONE);
        }
    }

    @Override
    public String addTextFile(String name, String contents, Set<String> references, Pos pos) {
        Set<String> refs = new TreeSet<>(Utf8Order.COMPARATOR);
        for (String r : references) {
            String p = Bytes.toJava(r);
            storeErrors(() -> StorePath.parseBaseName(p, storeDir));
            refs.add(p);
        }
        Hash h = Hash.of(HashAlgorithm.SHA256, Bytes.toArray(contents));
        return Bytes.fromJava(storeErrors(() -> StorePath.makeTextPath(Bytes.toJava(name), h, refs, storeDir)));
    }

    @Override
    public BuiltDerivation addDerivation(DerivationSpec spec, Pos pos) {
        return derivations.add(spec, pos);
    }

    @Override
    public String[] storePathOf(String path, Pos pos) {
        String p = isStorePath(path) ? Bytes.toJava(path) : storeErrors(() -> SourceFiles.resolveSymlinks(Bytes.toJava(path)));
        if (!StorePath.isInStore(p, storeDir)) {
            throw new NixError(Bytes.fromJava("path '" + p + "' is not in the Nix store"), pos);
        }
        String storePath = storeErrors(() -> StorePath.toStorePath(p, storeDir));
        return new String[] {Bytes.fromJava(p), Bytes.fromJava(storePath)};
    }

    @Override
    public boolean isStorePath(String path) {
        return StorePath.isStorePath(Bytes.toJava(path), storeDir);
    }

    /**
     * Nix's newHashAllowEmpty: an empty hash stands for the all-zero hash of the algorithm (with
     * a warning, so that a build reports the real one); otherwise any form Nix accepts.
     */
    static Hash parseHashAllowEmpty(String text, HashAlgorithm algorithm, Consumer<String> warnings) {
        if (text.isEmpty()) {
            if (algorithm == null) {
                throw new NixError("empty hash requires explicit hash type", Pos.NONE);
            }
            Hash zero = new Hash(algorithm, new byte[algorithm.size()]);
            warnings.accept("found empty hash, assuming '" + zero.toSRI() + "'");
            return zero;
        }
        return storeErrors(() -> Hash.parseAny(Bytes.toJava(text), algorithm));
    }

    /** Runs a store computation, turning its errors into evaluation errors without a position. */
    static <T> T storeErrors(Supplier<T> computation) {
        try {
            return computation.get();
        } catch (FormatException e) {
            throw new NixError(byteMessage(e.getMessage()), Pos.NONE);
        }
    }

    /**
     * A store message as a byte string. Nix names the first illegal byte of a store path name,
     * where {@link StorePath} names the whole (non-ASCII) character: keep that byte only.
     */
    private static String byteMessage(String message) {
        String m = Bytes.fromJava(message);
        String marker = "' contains illegal character '";
        int at = m.lastIndexOf(marker);
        if (at >= 0 && m.endsWith("'") && m.length() > at + marker.length() + 2) {
            return m.substring(0, at + marker.length() + 1) + "'";
        }
        return m;
    }
}
