package org.nixproc.lang.eval;

import java.util.List;
import java.util.Map;

/**
 * How an evaluation is set up: the search path (-I entries, then NIX_PATH), whether traces are
 * kept (--show-trace), the process environment (builtins.getEnv), and the store it may use.
 */
public record EvalOptions(List<String> searchPath, boolean showTrace, Map<String, String> environment,
        StoreAccess store, boolean readOnly) {

    public static EvalOptions defaults() {
        return new EvalOptions(SearchPath.fromEnvironment(List.of(), System.getenv()), false, System.getenv(),
                StoreAccess.NONE, true);
    }
}
