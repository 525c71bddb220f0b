package org.nixproc.lang.eval;

import org.nixproc.lang.ast.Pos;

/**
 * What the evaluator needs from a Nix store: copying a path into it (interpolating a path into
 * a string does this). The language alone has no store; the store module supplies one.
 */
public interface StoreAccess {
    /** The store path a source path is copied to, adding it to the store unless read-only. */
    String copyPathToStore(String path, Pos pos);

    /** The store directory, default /nix/store. */
    String storeDir();

    /** No store: every store operation is an error that says so. */
    StoreAccess NONE = new StoreAccess() {
        @Override
        public String copyPathToStore(String path, Pos pos) {
            throw new NixError("copying path '" + path + "' to the store is not supported yet", pos);
        }

        @Override
        public String storeDir() {
            String dir = System.getenv("NIX_STORE_DIR");
            return dir == null || dir.isEmpty() ? "/nix/store" : dir;
        }
    };
}
