package org.nixproc.lang.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nixproc.lang.ast.Pos;

/**
 * An attribute set: names sorted by their bytes, as Nix orders them for printing and
 * builtins.attrNames, with values (lazy) and the positions where they were defined.
 * Immutable; lookups are binary searches.
 */
public final class NixAttrs implements Value {
    public static final Pos[] NO_POSITIONS = new Pos[0];

    private final String[] names;
    private final Lazy[] values;
    private final Pos[] positions;
    private final Pos pos;

    /** The arrays must be sorted by name, without duplicates, and are not copied. */
    public NixAttrs(String[] names, Lazy[] values, Pos[] positions) {
        this(names, values, positions, Pos.NONE);
    }

    /** A set written at {@code pos} (Nix reports it for attributes a builtin needs but the set lacks). */
    public NixAttrs(String[] names, Lazy[] values, Pos[] positions, Pos pos) {
        this.names = names;
        this.values = values;
        this.positions = positions;
        this.pos = pos;
    }

    /** Where the set was written, if it comes from a set literal. */
    public Pos pos() {
        return pos;
    }

    public static NixAttrs empty() {
        return new NixAttrs(new String[0], new Lazy[0], NO_POSITIONS);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public Lazy value(int i) {
        return values[i];
    }

    public Pos position(int i) {
        return positions.length == 0 || positions[i] == null ? Pos.NONE : positions[i];
    }

    /** Index of the name, or a negative number if absent. */
    public int indexOf(String name) {
        return Arrays.binarySearch(names, name);
    }

    /** The value of an attribute, or null. */
    public Lazy get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    public boolean has(String name) {
        return Arrays.binarySearch(names, name) >= 0;
    }

    public List<String> names() {
        return Arrays.asList(names);
    }

    /** this // other: other's attributes win. */
    public NixAttrs update(NixAttrs other) {
        if (other.size() == 0) {
            return this;
        }
        if (size() == 0) {
            return other;
        }
        int n = names.length;
        int m = other.names.length;
        String[] rn = new String[n + m];
        Lazy[] rv = new Lazy[n + m];
        Pos[] rp = new Pos[n + m];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < m) {
            int c = i == n ? 1 : j == m ? -1 : names[i].compareTo(other.names[j]);
            if (c < 0) {
                rn[k] = names[i];
                rv[k] = values[i];
                rp[k++] = position(i++);
            } else {
                if (c == 0) {
                    i++;
                }
                rn[k] = other.names[j];
                rv[k] = other.values[j];
                rp[k++] = other.position(j++);
            }
        }
        return k == n + m ? new NixAttrs(rn, rv, rp)
                : new NixAttrs(Arrays.copyOf(rn, k), Arrays.copyOf(rv, k), Arrays.copyOf(rp, k));
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String describe() {
        return "a set";
    }

    /** Collects attributes in any order; the last one given for a name wins. */
    public static final class Builder {
        private final List<String> names;
        private final List<Lazy> values;
        private final List<Pos> positions;

        public Builder() {
            this(8);
        }

        public Builder(int capacity) {
            names = new ArrayList<>(capacity);
            values = new ArrayList<>(capacity);
            positions = new ArrayList<>(capacity);
        }

        public Builder put(String name, Lazy value) {
            return put(name, value, null);
        }

        public Builder put(String name, Lazy value, Pos pos) {
            names.add(name);
            values.add(value);
            positions.add(pos);
            return this;
        }

        public int size() {
            return names.size();
        }

        public NixAttrs build() {
            return build(false);
        }

        /** With firstWins, the first attribute given for a name wins (listToAttrs). */
        public NixAttrs build(boolean firstWins) {
            int n = names.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // Stable sort keeps insertion order among equal names.
            Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            String[] rn = new String[n];
            Lazy[] rv = new Lazy[n];
            Pos[] rp = new Pos[n];
            int k = 0;
            for (int idx = 0; idx < n; idx++) {
                int i = order[idx];
                String name = names.get(i);
                if (k > 0 && rn[k - 1].equals(name)) {
                    if (firstWins) {
                        continue;
                    }
                    k--;
                }
                rn[k] = name;
                rv[k] = values.get(i);
                rp[k++] = positions.get(i);
            }
            return k == n ? new NixAttrs(rn, rv, rp)
                    : new NixAttrs(Arrays.copyOf(rn, k), Arrays.copyOf(rv, k), Arrays.copyOf(rp, k));
        }
    }
}
