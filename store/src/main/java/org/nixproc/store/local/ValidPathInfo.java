package org.nixproc.store.local;

import java.util.Set;

/**
 * What the store database records about a valid path: its NAR hash ({@code sha256:<nix-base32>},
 * as Nix stores it), NAR size, the store paths it refers to, and the derivation that built it
 * (null if none or unknown).
 */
public record ValidPathInfo(String path, String narHash, long narSize, Set<String> references, String deriver) {
    public ValidPathInfo {
        references = Set.copyOf(references);
    }

    public ValidPathInfo withReferences(Set<String> refs) {
        return new ValidPathInfo(path, narHash, narSize, refs, deriver);
    }
}
