package org.nixproc.lang.eval;

import java.util.List;
import java.util.Map;

/**
 * How an evaluation is set up: the search path (-I entries, then NIX_PATH), whether traces are
 * printed (--show-trace), the process environment (builtins.getEnv), the directory relative
 * search path entries resolve against, the store it may use, and the directories of the Nix
 * trees nixproc ships ({@code <nixpkgs>}, {@code <nixproc>}), searched when the search path has
 * no match: they are not part of {@code __nixPath}, as Nix's own corepkgs are not.
 */
public record EvalOptions(List<String> searchPath, boolean showTrace, Map<String, String> environment,
        String workingDirectory, StoreAccess store, List<String> bundledPath) {

    /** The system property naming the shipped Nix trees' directories (':'-separated). */
    public static final String BUNDLED_PATH_PROPERTY = "nixproc.nix.path";

    /** Options with the shipped trees found through {@link #BUNDLED_PATH_PROPERTY}. */
    public EvalOptions(List<String> searchPath, boolean showTrace, Map<String, String> environment,
            String workingDirectory, StoreAccess store) {
        this(searchPath, showTrace, environment, workingDirectory, store, bundledFromProperty());
    }

    private static List<String> bundledFromProperty() {
        String dirs = System.getProperty(BUNDLED_PATH_PROPERTY, "");
        return dirs.isEmpty() ? List.of() : List.of(Bytes.fromJava(dirs).split(":"));
    }

    /** The options of a command run in this process's environment and directory. */
    public static EvalOptions defaults() {
        return new EvalOptions(SearchPath.fromEnvironment(List.of(), System.getenv()), false, System.getenv(),
                Bytes.fromJava(Paths.canonical(System.getProperty("user.dir"))),
                StoreAccess.NONE);
    }
}
