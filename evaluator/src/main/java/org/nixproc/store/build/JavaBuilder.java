package org.nixproc.store.build;

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
}
