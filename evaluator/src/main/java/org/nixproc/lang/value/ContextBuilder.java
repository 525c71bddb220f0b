package org.nixproc.lang.value;

import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the string contexts of many strings (a concatenation, a derivation's attributes)
 * without copying the growing set at every step: contexts are shared until two differ, then
 * gathered into one set.
 */
public final class ContextBuilder {
    private Set<String> shared = Set.of();
    private TreeSet<String> own;

    public ContextBuilder add(Set<String> context) {
        if (context.isEmpty() || context == shared) {
            return this;
        }
        if (own != null) {
            own.addAll(context);
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
