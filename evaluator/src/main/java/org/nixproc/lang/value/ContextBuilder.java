package org.nixproc.lang.value;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the string contexts of many strings (a concatenation, a derivation's attributes)
 * without copying the growing set at every step: contexts are shared until two differ, then
 * gathered into one set. A large set becomes a hash set: concatenating the paths of thousands
 * of derivations gathers thousands of elements, and inserting into a tree that size costs more
 * than the concatenation; the users that need Nix's order (derivations, toFile, getContext,
 * messages) sort a context themselves.
 */
public final class ContextBuilder {
    private static final int LARGE = 64;

    private Set<String> shared = Set.of();
    private Set<String> own;

    public ContextBuilder add(Set<String> context) {
        if (context.isEmpty() || context == shared) {
            return this;
        }
        if (own != null) {
            own.addAll(context);
            if (own.size() > LARGE && own instanceof TreeSet) {
                own = new HashSet<>(own);
            }
        } else if (shared.isEmpty()) {
            shared = context;
        } else if (!shared.containsAll(context)) {
            own = new TreeSet<>(shared);
            own.addAll(context);
        }
        return this;
    }

    public Set<String> build() {
        return own != null ? own : shared;
    }
}
