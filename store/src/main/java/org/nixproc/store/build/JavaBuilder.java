package org.nixproc.store.build;

import java.util.Map;

/**
 * A builder written in Java, run in-process for derivations whose builder is
 * {@code builtin:NAME} (as Nix runs {@code builtin:fetchurl} and {@code builtin:buildenv}).
 * Implementations are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/org.nixproc.store.build.JavaBuilder}), so that other modules, such as
 * process management, add their own.
 *
 * <p>A builder must create every output path of {@link BuildContext#outputs()}; throwing fails the
 * build as a builder exiting with code 1 does (the message goes to the build log first).
 */
public interface JavaBuilder {
    /** NAME, as in {@code builder = "builtin:NAME"}. */
    String name();

    /** Builds the outputs. */
    void build(BuildContext context) throws Exception;

    /**
     * Whether building a derivation with these attributes uses the build directory. A builder
     * that says no gets none ({@link BuildContext#buildDir()} fails and the environment names
     * none), which spares making and removing a directory per build.
     */
    default boolean usesBuildDir(Map<String, String> attributes) {
        return true;
    }
}
