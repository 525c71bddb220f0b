package org.nixproc.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.store.Derivation;
import org.nixproc.store.Nar;
import org.nixproc.store.StoreException;
import org.nixproc.store.StorePath;

/**
 * A store on the local file system: store paths in the store directory, their validity,
 * references and derivers in nixproc's SQLite database ({@link StoreDb}), per-path locks
 * ({@link PathLocks}) and GC roots in nixproc's state directory ({@link GcRoots},
 * {@link GarbageCollector}).
 *
 * <p>A path is valid once registered, and only then: everything added is first written under a
 * temporary name in the store directory ({@value #TEMP_PREFIX}...), canonicalised, renamed into
 * place and registered while its lock is held, so that a crash leaves at worst a temporary that
 * the next garbage collection removes. Paths are ordinary Java strings.
 */
public final class LocalStore implements AutoCloseable {
    /** Names in the store directory that are ours to clean up when nobody holds their lock. */
    static final String TEMP_PREFIX = ".nixproc-tmp-";

    private final StoreConfig config;
    private final StoreDb db;
    private final PathLocks locks;
    private final TempRoots tempRoots;
    private final Ownership ownership;
    /**
     * The derivations read or written through this store, by path: a .drv file's path is the hash
     * of its text, so it is parsed once however often builds and registrations ask for it.
     */
    private final Map<String, Derivation> derivations = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalStore(StoreConfig config, StoreDb db, PathLocks locks) {
        this.config = config;
        this.db = db;
        this.locks = locks;
        this.tempRoots = new TempRoots(config.stateDir());
        this.ownership = new Ownership(db, config.stateDir());
    }

    /** Opens (creating what is missing) the store and state directories and the database. */
    public static LocalStore open(StoreConfig config) {
        Path state = config.stateDir();
        try {
            Files.createDirectories(Path.of(config.storeDir()));
            Files.createDirectories(state.resolve("db"));
            Files.createDirectories(state.resolve("locks"));
            Files.createDirectories(state.resolve("gcroots/auto"));
            Files.createDirectories(state.resolve("profiles"));
        } catch (IOException e) {
            throw new StoreException("creating the store directories: " + e, e);
        }
        return new LocalStore(config, new StoreDb(state.resolve(StoreConfig.DATABASE)), new PathLocks(state.resolve("locks")));
    }

    public StoreConfig config() {
        return config;
    }

    String storeDir() {
        return config.storeDir();
    }

    StoreDb db() {
        return db;
    }

    PathLocks locks() {
        return locks;
    }

    TempRoots tempRoots() {
        return tempRoots;
    }

    /**
     * Keeps {@code path} (and, being a root, its closure) from garbage collection while this
     * store is open, even if no permanent root reaches it: for paths just added, or the inputs of
     * a build. Waits while a collection runs. Add the root before checking validity.
     */
    public void addTempRoot(String path) {
        tempRoots.add(List.of(path));
    }

    /** {@link #addTempRoot} for several paths at once. */
    public void addTempRoots(Collection<String> paths) {
        tempRoots.add(paths);
    }

    // ---------------------------------------------------------------- queries

    public boolean isValid(String path) {
        return db.query(() -> db.id(path) != null);
    }

    public Optional<ValidPathInfo> queryPathInfo(String path) {
        return db.read(() -> db.info(path));
    }

    public Set<String> queryReferences(String path) {
        return info(path).references();
    }

    public Set<String> queryReferrers(String path) {
        info(path);
        return db.read(() -> db.referrers(path));
    }

    public Optional<String> queryDeriver(String path) {
        return Optional.ofNullable(info(path).deriver());
    }

    /** The closure of {@code paths} under references, the paths themselves included; all must be valid. */
    public Set<String> queryRequisites(Collection<String> paths) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(paths);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (seen.add(p)) {
                todo.addAll(info(p).references());
            }
        }
        return seen;
    }

    /** Every valid path, sorted. */
    public List<String> validPaths() {
        return db.read(db::allPaths);
    }

    // Nix's message for an unregistered path.
    private ValidPathInfo info(String path) {
        return queryPathInfo(path).orElseThrow(() -> new StoreException("path '" + path + "' is not valid"));
    }

    // ---------------------------------------------------------------- registering

    /**
     * Registers paths (already in place on disk) in one transaction; references must be valid or
     * among them. They become temporary roots of this store (see {@link #addTempRoot}).
     */
    public void registerValidPaths(List<ValidPathInfo> infos) {
        for (ValidPathInfo i : infos) {
            StorePath.parseBaseName(i.path(), storeDir());
        }
        List<String> paths = infos.stream().map(ValidPathInfo::path).toList();
        // A fresh path is kept from a concurrent collection until a permanent root (say a
        // result link) reaches it, or this store is closed.
        addTempRoots(paths);
        // Registered, a path is no leftover: its claim goes in the same transaction.
        db.transaction(() -> {
            db.insert(infos, this::derivationOutputs);
            db.unmark(StoreDb.Mark.CLAIMED, paths);
            db.forgetBuilders(paths);
            return null;
        });
    }

    private Map<String, String> derivationOutputs(String drvPath) {
        Map<String, String> out = new TreeMap<>();
        try {
            readDerivation(drvPath).outputs().forEach((name, o) -> out.put(name, o.path()));
        } catch (RuntimeException e) {
            // A .drv-named path that is no derivation simply has no outputs to record.
        }
        return out;
    }

    /** The NAR hash and size of {@code path} as it is on disk, with the references and deriver given. */
    public ValidPathInfo pathInfoOf(String path, Set<String> references, String deriver) {
        return StoreFiles.narInfo(Path.of(path), Nar.ALL, path, references, deriver);
    }

    /**
     * Canonicalises {@code path} (see {@link #canonicalise}) and gives its path info without
     * references, the NAR also going through {@code scanner} (which finds them: see
     * {@link ValidPathInfo#withReferences}), all in one walk of the tree.
     */
    public ValidPathInfo canonicalisedPathInfo(String path, java.io.OutputStream scanner, String deriver) {
        return StoreFiles.canonicalisedNarInfo(Path.of(path), path, Set.of(), deriver, scanner);
    }

    /** Nix's canonicalisation: mtime 1, no write bits (0444/0555), directories 0555. */
    public void canonicalise(Path path) {
        StoreFiles.canonicalise(path);
    }

    // ---------------------------------------------------------------- adding

    /** {@code builtins.toFile}: a text file (UTF-8) with references, written and registered unless valid. */
    public String addTextToStore(String name, String text, Set<String> references) {
        return addTextToStore(name, text.getBytes(StandardCharsets.UTF_8), references);
    }

    /** {@link #addTextToStore(String, String, Set)} for contents given as bytes. */
    public String addTextToStore(String name, byte[] contents, Set<String> references) {
        String path = textPath(name, contents, references);
        addAtomically(path, references, null, tmp -> Files.write(tmp, contents));
        return path;
    }

    private String textPath(String name, byte[] contents, Set<String> references) {
        return StorePath.makeTextPath(name, Hash.of(HashAlgorithm.SHA256, contents), references, storeDir());
    }

    /**
     * Adds a file or tree: recursive (NAR hash, {@code filter} deciding which entries below the
     * root are kept, null for all) or flat (the file's contents). Gives the store path.
     */
    public String addPathToStore(String name, Path source, boolean recursive, BiPredicate<Path, String> filter) {
        return addPathToStore(name, source, recursive, HashAlgorithm.SHA256, filter);
    }

    /** {@link #addPathToStore(String, Path, boolean, BiPredicate)} with the path named by a hash of {@code algorithm}. */
    public String addPathToStore(String name, Path source, boolean recursive, HashAlgorithm algorithm,
            BiPredicate<Path, String> filter) {
        BiPredicate<Path, String> f = filter == null ? Nar.ALL : filter;
        String path = StorePath.makeFixedOutputPath(recursive, contentHash(source, recursive, algorithm, f), name,
                storeDir());
        addAtomically(path, Set.of(), null, tmp -> {
            if (recursive) {
                TreeCopy.copy(source, tmp, f);
            } else {
                // Flat content is a regular file (symlinks followed) keeping the executable bit, as in Nix 2.8.
                try (var in = Files.newInputStream(source)) {
                    Files.copy(in, tmp);
                }
                if (Files.isExecutable(source)) {
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        });
        return path;
    }

    /** The hash naming fixed-output content: of the NAR of the tree (recursive), or of the file's contents. */
    public static Hash contentHash(Path source, boolean recursive, HashAlgorithm algorithm,
            BiPredicate<Path, String> filter) {
        if (recursive) {
            return Nar.hash(source, algorithm, filter);
        }
        try (var in = Files.newInputStream(source)) {
            return Hash.of(algorithm, in);
        } catch (IOException e) {
            throw new StoreException("opening file '" + source + "': " + e.getMessage(), e);
        }
    }

    /** Writes {@code NAME.drv} (references: its input sources and derivations) and gives its path. */
    public String writeDerivation(Derivation drv, String name) {
        Set<String> refs = new TreeSet<>(drv.inputSrcs());
        refs.addAll(drv.inputDrvs().keySet());
        byte[] text = drv.toATerm().getBytes(StandardCharsets.UTF_8);
        String path = textPath(name + ".drv", text, refs);
        // Known before it is registered, which records its outputs; forgotten if it is not added.
        derivations.putIfAbsent(path, drv);
        try {
            addAtomically(path, refs, null, tmp -> Files.write(tmp, text));
        } catch (RuntimeException e) {
            derivations.remove(path, drv);
            throw e;
        }
        return path;
    }

    public Derivation readDerivation(String drvPath) {
        Derivation drv = derivations.get(drvPath);
        if (drv == null) {
            try {
                drv = Derivation.parse(Files.readString(Path.of(drvPath), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StoreException("opening file '" + drvPath + "': " + e.getMessage(), e);
            }
            derivations.putIfAbsent(drvPath, drv);
        }
        return drv;
    }

    /** Writes something to a temporary name. */
    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    /**
     * Under the path's lock: nothing if valid; else write to a temporary, canonicalise, rename
     * into place and register. An unregistered path already in place (left by a crash between
     * rename and registration) is registered if its contents are the same.
     */
    private void addAtomically(String path, Set<String> references, String deriver, Writer writer) {
        addTempRoot(path);
        if (isValid(path)) {
            return;
        }
        try (PathLocks.Lock lock = lockPaths(List.of(path))) {
            if (isValid(path)) {
                return;
            }
            Path dest = Path.of(path);
            Path tmp = tempPathFor(path);
            try {
                writer.write(tmp);
                ValidPathInfo info = StoreFiles.canonicalisedNarInfo(tmp, path, references, deriver,
                        java.io.OutputStream.nullOutputStream());
                if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                    ValidPathInfo existing = pathInfoOf(path, references, deriver);
                    if (!existing.narHash().equals(info.narHash())) {
                        throw new StoreException("path '" + path + "' is in the store but not valid, with other contents");
                    }
                    if (!ownership.isClaimed(path)) {
                        ownership.adopt(path);
                    }
                } else {
                    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                }
                registerValidPaths(List.of(info));
            } catch (IOException e) {
                throw new UncheckedIOException("adding '" + path + "'", e);
            } finally {
                StoreFiles.deleteTree(tmp);
            }
        }
    }

    /** A fresh temporary name in the store directory for work on {@code path}, covered by its lock. */
    Path tempPathFor(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return Path.of(storeDir(), TEMP_PREFIX + base + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    // ---------------------------------------------------------------- locks, roots, GC

    /** Locks the paths (blocking), across threads and processes. */
    public PathLocks.Lock lockPaths(Collection<String> paths) {
        return locks.lock(paths);
    }

    /**
     * Makes {@code link} a symlink to {@code storePath} and records it as an indirect GC root;
     * gives the link's absolute, normalised path (the root's name, as Nix's addPermRoot does).
     */
    public Path addPermRoot(Path link, String storePath) {
        return new GcRoots(this).addPermRoot(link, storePath);
    }

    /** The valid store paths the roots point at (a link to an invalid path is no root, as in Nix). */
    public Set<String> findRoots() {
        return new GcRoots(this).find();
    }

    /**
     * The roots by the links that make them, as {@code nix-store --gc --print-roots} lists them;
     * invalid roots skipped and stale ones removed are said on {@code log}.
     */
    public SortedMap<Path, String> findRootLinks(Consumer<String> log) {
        return new GcRoots(this).links(log);
    }

    /** Deletes (unless dry) the registered paths no root's closure reaches, and our stale temporaries. */
    public GcResult collectGarbage(boolean dryRun) {
        return new GarbageCollector(this).collect(dryRun);
    }

    /** Deletes exactly these paths, refusing if one is still alive. */
    public void deletePaths(Collection<String> paths) {
        deletePathsCounted(paths);
    }

    /** {@link #deletePaths(Collection)}, telling what was deleted and the bytes freed. */
    public GcResult deletePathsCounted(Collection<String> paths) {
        return new GarbageCollector(this).deleteSpecific(paths);
    }

    /** Checks each valid path exists (and with {@code checkContents} its NAR hash); gives the problems. */
    public List<String> verify(boolean checkContents) {
        return new StoreVerifier(this).verify(checkContents, false).problems();
    }

    /**
     * {@link #verify(boolean)} with whether problems remain that were not repaired; with
     * {@code repair}, damaged paths are listed for rebuilding instead of counting as errors.
     */
    public StoreVerifier.Result verifyStore(boolean checkContents, boolean repair) {
        return new StoreVerifier(this).verify(checkContents, repair);
    }

    /** Removes what a failed or killed build left at {@code path}, which must not be valid. */
    public void deleteUnregistered(String path) {
        StorePath.parseBaseName(path, storeDir());
        if (isValid(path)) {
            throw new StoreException("cannot delete valid path '" + path + "' as a build leftover");
        }
        if (Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS) && !ownership.isClaimed(path)) {
            throw new StoreException("path '" + path + "' is in the store but was not made by nixproc;"
                    + " refusing to replace it (does another Nix share this store directory? if the path is"
                    + " nixproc's, as after losing its database, build with --repair to adopt or rebuild it)");
        }
        // From here on the path is ours: what a failed or killed build leaves there may go, once
        // nothing of that build runs any more.
        ownership.claim(path);
        ownership.killBuilder(path);
        StoreFiles.deleteTree(Path.of(path));
    }

    /**
     * Repairs an output found in the store without being registered (left by a real Nix, or by
     * nixproc before its database was lost), or a valid one found damaged, with {@code rebuilt},
     * a fresh build of it at another path (claimed by the caller, who holds the locks of both):
     * if their contents are the same, the existing path is kept as it is and the rebuild deleted;
     * otherwise the rebuild replaces it. Either way the path is then nixproc's, to be registered
     * (anew) by the caller. Gives whether the existing path was kept.
     */
    public boolean adoptOrReplace(String path, String rebuilt) {
        StorePath.parseBaseName(path, storeDir());
        StorePath.parseBaseName(rebuilt, storeDir());
        ownership.claim(path);
        ownership.killBuilder(path);
        Path dest = Path.of(path);
        boolean exists = Files.exists(dest, LinkOption.NOFOLLOW_LINKS);
        boolean same = exists && pathInfoOf(path, Set.of(), null).narHash()
                .equals(pathInfoOf(rebuilt, Set.of(), null).narHash());
        if (same) {
            StoreFiles.deleteTree(Path.of(rebuilt));
        } else {
            Path old = tempPathFor(path);
            try {
                if (exists) {
                    Files.move(dest, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(Path.of(rebuilt), dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("replacing '" + path + "'", e);
            }
            StoreFiles.deleteTree(old);
        }
        ownership.release(rebuilt);
        return same;
    }

    /**
     * Records that the builder process {@code pid}, the leader of a process group of its own,
     * writes into {@code outputs} (claimed, and locked by the caller), so that whoever next
     * reclaims them kills what is left of it first, should this process die before it.
     */
    public void recordBuilder(Collection<String> outputs, long pid) {
        ownership.recordBuilder(outputs, pid);
    }

    Ownership ownership() {
        return ownership;
    }

    @Override
    public void close() {
        tempRoots.close();
        db.close();
    }
}
