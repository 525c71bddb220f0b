package org.nixproc.lang.value;

import java.util.Set;
import java.util.TreeSet;

/**
 * A Nix string: a sequence of bytes, held as a Java string of one char (0..255) per byte so
 * that lengths, substrings, sorting and regular expressions work on bytes as Nix's do. The
 * context names the store paths the string refers to (empty for plain strings); its elements
 * are written as Nix writes them: "/nix/store/…" (a path), "=/nix/store/…drv" (a derivation
 * with all its outputs), "!out!/nix/store/…drv" (one output).
 */
public record NixString(String value, Set<String> context) implements Value {
    private static final Set<String> NONE = Set.of();
    public static final NixString EMPTY = new NixString("", NONE);

    public static NixString of(String bytes) {
        return bytes.isEmpty() ? EMPTY : new NixString(bytes, NONE);
    }

    public static NixString of(String bytes, Set<String> context) {
        return new NixString(bytes, context.isEmpty() ? NONE : context);
    }

    public boolean hasContext() {
        return !context.isEmpty();
    }

    /** The union of two contexts, sharing either when the other is empty. */
    public static Set<String> merge(Set<String> a, Set<String> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty() || a == b || b.size() <= a.size() && a.containsAll(b)) {
            return a;
        }
        if (b.containsAll(a)) {
            return b;
        }
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String describe() {
        return context.isEmpty() ? "a string" : "a string with context";
    }
}
