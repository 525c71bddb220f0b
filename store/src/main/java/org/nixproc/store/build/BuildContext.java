package org.nixproc.store.build;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a {@link JavaBuilder} gets: the environment an external builder would get (every
 * derivation attribute, the output paths, NIX_BUILD_TOP, ...), each output's store path by output
 * name, the fresh build directory (its working directory, were it a process) and the build log
 * (what it prints there is shown like an external builder's output and ends up in the log tail
 * of a failure), and the PATH of the command that asked for the build (for builders that run the
 * host's programs; null when it had none).
 */
public record BuildContext(Map<String, String> env, SortedMap<String, String> outputs, Path buildDir,
        PrintStream log, String hostPath) {

    public BuildContext {
        env = Map.copyOf(env);
        outputs = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(outputs));
    }

    /** The build directory; fails for a builder that said it uses none ({@link JavaBuilder#usesBuildDir}). */
    @Override
    public Path buildDir() {
        if (buildDir == null) {
            throw new IllegalStateException("this build has no build directory: its builder said it uses none");
        }
        return buildDir;
    }

    /** The store path of output {@code name} (e.g. "out"). */
    public Path output(String name) {
        String p = outputs.get(name);
        if (p == null) {
            throw new IllegalArgumentException("derivation has no output '" + name + "'");
        }
        return Path.of(p);
    }
}
