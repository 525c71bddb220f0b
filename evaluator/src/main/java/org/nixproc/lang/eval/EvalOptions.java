package org.nixproc.lang.eval;

import java.util.List;
import java.util.Map;

/**
 * How an evaluation is set up: the search path (-I entries, then NIX_PATH), whether traces are
 * printed (--show-trace), the process environment (builtins.getEnv), the directory relative
 * search path entries resolve against, and the store it may use.
 */
public record EvalOptions(List<String> searchPath, boolean showTrace, Map<String, String> environment,
        String workingDirectory, StoreAccess store) {

    /** The options of a command run in this process's environment and directory. */
    public static EvalOptions defaults() {
        return new EvalOptions(SearchPath.fromEnvironment(List.of(), System.getenv()), false, System.getenv(),
                Bytes.fromJava(Paths.canonical(System.getProperty("user.dir"))),
                org.nixproc.store.EvalStore.fromEnvironment(System.getenv(), System.err));
    }
}
