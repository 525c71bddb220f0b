package org.nixproc.store.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nixproc.lang.hash.Hash;
import org.nixproc.lang.hash.HashAlgorithm;
import org.nixproc.store.Derivation;
import org.nixproc.store.DerivationOutput;
import org.nixproc.store.Nar;
import org.nixproc.store.StorePath;
import org.nixproc.store.local.LocalStore;
import org.nixproc.store.local.PathLocks;
import org.nixproc.store.local.ValidPathInfo;

/**
 * Builds one derivation whose inputs are all valid, and says what its outputs are; registering
 * them is the caller's business ({@link Realiser}, which also holds the output locks).
 *
 * <p>Leftover, unregistered outputs are removed first. The builder runs in a fresh build directory
 * (an external program through {@link BuilderProcess}, or a {@link JavaBuilder} in-process) with
 * {@link BuildEnvironment}'s environment. Then every output must exist; outputs are canonicalised
 * (timestamp 1, no write bits), fixed outputs checked against their hash, and each output scanned
 * for the hash parts of the input closure and of the outputs themselves, which gives its
 * references. Whatever fails, the outputs are deleted, so that nothing partial remains; the build
 * directory is deleted in any case (kept after a failure with keepFailed). With --repair, outputs
 * found in the store without being registered are built aside and then adopted or replaced.
 */
public final class DerivationBuilder {
    private final LocalStore store;
    private final BuildSettings settings;
    private final PrintStream log;

    public DerivationBuilder(LocalStore store, BuildSettings settings, PrintStream log) {
        this.store = store;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Fails, as Nix does before building, if this machine cannot build {@code drv}: another
     * platform (a Java builder runs anywhere) or a required system feature it lacks.
     */
    public void checkBuildable(String drvPath, Derivation drv) {
        Set<String> required = BuildEnvironment.words(drv.env().get("requiredSystemFeatures"));
        boolean platformOk = drv.platform().equals(settings.system())
                || drv.platform().equals("i686-linux") && settings.system().equals("x86_64-linux")
                || JavaBuilders.isBuiltin(drv.builder());
        if (!platformOk || !settings.systemFeatures().containsAll(required)) {
            throw new BuildError(BuildError.Kind.MISC, "a '" + drv.platform() + "' with features {"
                    + String.join(", ", required) + "} is required to build '" + drvPath + "', but I am a '"
                    + settings.system() + "' with features {" + String.join(", ", settings.systemFeatures()) + "}");
        }
    }

    /** Builds {@code drv} (read from {@code drvPath}) and gives the path info of each output. */
    public List<ValidPathInfo> build(String drvPath, Derivation drv) {
        SortedMap<String, String> outputs = outputPaths(drv);
        Map<String, String> aside = settings.repair() ? asidePaths(drvPath, outputs) : Map.of();
        // The paths built aside are locked as the outputs are, so that no collection takes them.
        try (PathLocks.Lock asideLock = aside.isEmpty() ? null : store.lockPaths(aside.values())) {
            return build(drvPath, drv, outputs, aside);
        }
    }

    /**
     * With --repair, an output that is in the store without being registered, or a valid one
     * that is gone or whose contents are not those registered, is built aside, at a path of the
     * same length, with the builder's strings rewritten to it (as Nix's repair does); the result,
     * rewritten back, is then adopted or replaces the output ({@link LocalStore#adoptOrReplace}).
     * Gives those outputs' paths aside.
     */
    private Map<String, String> asidePaths(String drvPath, SortedMap<String, String> outputs) {
        Map<String, String> aside = new TreeMap<>();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            String p = e.getValue();
            boolean exists = Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS);
            Optional<ValidPathInfo> info = store.queryPathInfo(p);
            if (info.isEmpty() ? exists : !exists || !store.pathInfoOf(p, Set.of(), null).narHash()
                    .equals(info.get().narHash())) {
                aside.put(p, StorePath.makeStorePath("repair:" + e.getKey(), Hash.of(HashAlgorithm.SHA256, drvPath),
                        StorePath.namePart(p), store.config().storeDir()));
            }
        }
        return aside;
    }

    private List<ValidPathInfo> build(String drvPath, Derivation drv, SortedMap<String, String> outputs,
            Map<String, String> aside) {
        Map<String, String> toAside = new TreeMap<>();
        Map<String, String> back = new TreeMap<>();
        aside.forEach((p, a) -> {
            toAside.put(StorePath.hashPart(p), StorePath.hashPart(a));
            back.put(StorePath.hashPart(a), StorePath.hashPart(p));
        });
        Derivation built = aside.isEmpty() ? drv : rewritten(drv, toAside);
        SortedMap<String, String> builtOutputs = outputPaths(built);
        for (String p : builtOutputs.values()) {
            if (!store.isValid(p)) {
                store.deleteUnregistered(p);
            }
        }
        Set<String> inputs = inputClosure(drv);
        String drvName = StorePath.namePart(drvPath);
        Path buildDir = usesBuildDir(drv) ? FileTrees.createTempDir(settings.tmpRoot(), "nix-build-" + drvName) : null;
        // What is ours to delete if the build fails: what it writes, and the outputs once repaired.
        Collection<String> ours = builtOutputs.values();
        boolean ok = false;
        try {
            Map<String, String> env = BuildEnvironment.of(built, store.config().storeDir(), buildDir, settings);
            BuildLog buildLog = new BuildLog(settings.showLog() ? log : null);
            int exit = run(built, env, builtOutputs, buildDir, buildLog);
            buildLog.finish();
            if (exit != 0) {
                throw builderFailed(drvPath, exit, buildLog.tail());
            }
            checkProduced(drvPath, builtOutputs);
            for (Map.Entry<String, String> e : aside.entrySet()) {
                HashRewriting.rewriteTree(Path.of(e.getValue()), back);
                boolean existed = Files.exists(Path.of(e.getKey()), LinkOption.NOFOLLOW_LINKS);
                boolean kept = store.adoptOrReplace(e.getKey(), e.getValue());
                log.println(kept ? "adopted '" + e.getKey() + "': a rebuild gave the same contents"
                        : existed ? "replaced '" + e.getKey() + "' with its rebuild: its contents differed"
                        : "rebuilt '" + e.getKey() + "', which was gone");
            }
            ours = outputs.values();
            List<ValidPathInfo> infos = finish(drvPath, drv, outputs, inputs, aside.keySet());
            ok = true;
            return infos;
        } finally {
            if (!ok) {
                for (String p : ours) {
                    if (!store.isValid(p)) {
                        store.deleteUnregistered(p);
                    }
                }
            }
            if (buildDir != null && !ok && settings.keepFailed()) {
                log.println("note: keeping build directory '" + buildDir + "'");
            } else if (buildDir != null) {
                FileTrees.deleteTree(buildDir);
            }
        }
    }

    // The derivation with its output paths and strings given to the builder rewritten.
    private static Derivation rewritten(Derivation drv, Map<String, String> rewrites) {
        Map<String, DerivationOutput> outs = new TreeMap<>();
        drv.outputs().forEach((n, o) -> outs.put(n, new DerivationOutput(HashRewriting.rewrite(o.path(), rewrites),
                o.hashAlgo(), o.hash())));
        Map<String, String> env = new TreeMap<>();
        drv.env().forEach((k, v) -> env.put(k, HashRewriting.rewrite(v, rewrites)));
        return new Derivation(outs, drv.inputDrvs(), drv.inputSrcs(), drv.platform(),
                HashRewriting.rewrite(drv.builder(), rewrites),
                drv.args().stream().map(a -> HashRewriting.rewrite(a, rewrites)).toList(), env);
    }

    // Every build gets a directory but that of a Java builder which says it needs none.
    private boolean usesBuildDir(Derivation drv) {
        if (!JavaBuilders.isBuiltin(drv.builder()) || !BuildEnvironment.words(drv.env().get("passAsFile")).isEmpty()) {
            return true;
        }
        return settings.builders().find(drv.builder().substring(JavaBuilders.PREFIX.length()))
                .map(b -> b.usesBuildDir(drv.env())).orElse(true);
    }

    /** Each output's store path, by output name. */
    public static SortedMap<String, String> outputPaths(Derivation drv) {
        SortedMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, DerivationOutput> e : drv.outputs().entrySet()) {
            out.put(e.getKey(), e.getValue().path());
        }
        return out;
    }

    // The input sources and the used outputs of the input derivations, with their closure.
    private Set<String> inputClosure(Derivation drv) {
        Set<String> direct = new HashSet<>(drv.inputSrcs());
        for (Map.Entry<String, ? extends Set<String>> e : drv.inputDrvs().entrySet()) {
            Derivation in = store.readDerivation(e.getKey());
            for (String name : e.getValue()) {
                DerivationOutput o = in.outputs().get(name);
                if (o == null) {
                    throw new BuildError(BuildError.Kind.MISC, "derivation '" + e.getKey() + "' does not have output '"
                            + name + "'");
                }
                direct.add(o.path());
            }
        }
        return store.queryRequisites(direct);
    }

    private int run(Derivation drv, Map<String, String> env, SortedMap<String, String> outputs, Path buildDir,
            BuildLog buildLog) {
        if (!JavaBuilders.isBuiltin(drv.builder())) {
            return BuilderProcess.run(drv.builder(), drv.args(), env, buildDir, buildLog,
                    pid -> store.recordBuilder(outputs.values(), pid));
        }
        String name = drv.builder().substring(JavaBuilders.PREFIX.length());
        PrintStream out = buildLog.printStream();
        try {
            JavaBuilder b = settings.builders().find(name).orElse(null);
            if (b == null) {
                out.println("error: unsupported builtin builder '" + name + "'");
                return 1;
            }
            b.build(new BuildContext(env, outputs, buildDir, out, settings.hostEnv().get("PATH")));
            return 0;
        } catch (Exception | StackOverflowError e) {
            out.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        } finally {
            out.flush();
        }
    }

    private static BuildError builderFailed(String drvPath, int exit, List<String> tail) {
        StringBuilder msg = new StringBuilder("builder for '" + drvPath + "' " + ExitStatus.describe(exit));
        if (!tail.isEmpty()) {
            msg.append(";\n       last ").append(tail.size()).append(" log lines:");
            for (String line : tail) {
                msg.append("\n       > ").append(line);
            }
        }
        return new BuildError(BuildError.Kind.BUILDER_FAILED, msg.toString());
    }

    // After a successful builder: check, canonicalise, verify and scan the outputs.
    private static void checkProduced(String drvPath, SortedMap<String, String> outputs) {
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            if (!Files.exists(Path.of(e.getValue()), LinkOption.NOFOLLOW_LINKS)) {
                throw new BuildError(BuildError.Kind.MISC, "builder for '" + drvPath
                        + "' failed to produce output path for output '" + e.getKey() + "' at '" + e.getValue() + "'");
            }
        }
    }

    // The infos are those of the outputs to register: the invalid ones, and the repaired ones anew.
    private List<ValidPathInfo> finish(String drvPath, Derivation drv, SortedMap<String, String> outputs,
            Set<String> inputs, Set<String> repaired) {
        Set<String> candidates = new TreeSet<>(inputs);
        candidates.addAll(outputs.values());
        // One walk of each output canonicalises it, hashes it and finds its references.
        Map<String, Set<String>> refs = new TreeMap<>();
        List<ValidPathInfo> infos = new ArrayList<>();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            ReferenceScanner scanner = ReferenceScanner.ofPaths(candidates);
            ValidPathInfo info = store.canonicalisedPathInfo(e.getValue(), scanner, drvPath);
            refs.put(e.getKey(), scanner.foundPaths());
            if (!store.isValid(e.getValue()) || repaired.contains(e.getValue())) {
                infos.add(info.withReferences(scanner.foundPaths()));
            }
        }
        if (drv.isFixedOutput()) {
            checkFixedOutput(drvPath, drv.outputs().get("out"));
        }
        checkOutputCycles(drvPath, outputs, refs);
        return infos;
    }

    /**
     * Outputs may refer to themselves and to each other, but not in a cycle (no order could
     * register them). Searched depth-first in output name order; the message names the output
     * met again and the one whose references lead back to it, as Nix's does.
     */
    private static void checkOutputCycles(String drvPath, SortedMap<String, String> outputs,
            Map<String, Set<String>> refs) {
        Set<String> done = new HashSet<>();
        for (String name : outputs.keySet()) {
            visitOutput(drvPath, name, outputs, refs, new java.util.LinkedHashSet<>(), done);
        }
    }

    private static void visitOutput(String drvPath, String name, SortedMap<String, String> outputs,
            Map<String, Set<String>> refs, Set<String> onPath, Set<String> done) {
        if (done.contains(name)) {
            return;
        }
        onPath.add(name);
        for (Map.Entry<String, String> other : outputs.entrySet()) {
            String child = other.getKey();
            if (child.equals(name) || !refs.get(name).contains(other.getValue())) {
                continue;
            }
            if (onPath.contains(child)) {
                throw new BuildError(BuildError.Kind.MISC, "cycle detected in build of '" + drvPath
                        + "' in the references of output '" + child + "' from output '" + name + "'");
            }
            visitOutput(drvPath, child, outputs, refs, onPath, done);
        }
        onPath.remove(name);
        done.add(name);
    }

    private static void checkFixedOutput(String drvPath, DerivationOutput out) {
        Hash expected = out.parsedHash();
        Path p = Path.of(out.path());
        Hash got;
        if (out.isRecursive()) {
            got = Nar.hash(p, expected.algorithm(), Nar.ALL);
        } else {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || ownerExecutable(p)) {
                throw new BuildError(BuildError.Kind.MISC, "output path '" + p + "' should be a non-executable regular "
                        + "file since recursive hashing is not enabled (outputHashMode=flat)");
            }
            try (InputStream in = Files.newInputStream(p)) {
                got = Hash.of(expected.algorithm(), in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!got.equals(expected)) {
            throw new BuildError(BuildError.Kind.HASH_MISMATCH, "hash mismatch in fixed-output derivation '" + drvPath
                    + "':\n         specified: " + expected.toSRI() + "\n            got:    " + got.toSRI());
        }
    }

    private static boolean ownerExecutable(Path p) {
        try {
            return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
