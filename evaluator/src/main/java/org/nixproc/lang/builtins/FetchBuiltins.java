package org.nixproc.lang.builtins;

import org.nixproc.lang.eval.BuiltinRegistry;
import org.nixproc.lang.eval.NixError;

/**
 * The fetchers (fetchTarball, fetchGit, fetchurl, ...). They exist so that expressions naming
 * them evaluate as far as Nix would; calling one is an error, since nixproc does not download.
 */
final class FetchBuiltins {
    private FetchBuiltins() {
    }

    static void register(BuiltinRegistry r) {
        for (String name : new String[] {"fetchTarball", "fetchGit", "fetchMercurial", "__fetchurl", "__fetchTree"}) {
            String shown = BuiltinRegistry.builtinName(name);
            r.primop(name, 1, (st, a, pos) -> {
                throw new NixError("'" + shown + "' is not supported: nixproc does not download sources"
                        + " (provide them as local paths instead)", pos);
            });
        }
    }
}
