package org.nixproc.lang.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.formats.TomlNodes.Array;
import org.nixproc.lang.formats.TomlNodes.Key;
import org.nixproc.lang.formats.TomlNodes.Node;
import org.nixproc.lang.formats.TomlNodes.Scalar;
import org.nixproc.lang.formats.TomlNodes.Table;
import org.nixproc.lang.value.NixString;

/**
 * Keys of the TOML reader, and the building of tables from keys and values, with the library's
 * rules and messages for conflicts.
 */
abstract class TomlTables extends TomlScanner {
    private static final String[] KEY_HINTS = {"bare keys  : non-empty strings composed only of [A-Za-z0-9_-].",
        "quoted keys: same as \"basic strings\" or 'literal strings'.",
        "dotted keys: sequence of bare or quoted keys joined with a dot."};

    TomlTables(String src) {
        super(src);
    }

    // ---- keys

    /** A dotted or simple key, or null with the failure set (position unchanged). */
    Key key() {
        int start = p;
        Key k = lexKey();
        if (k == null) {
            p = start;
            failure = format("toml::parse_key: an invalid key appeared.", p, 1, "is not a valid key", KEY_HINTS);
        }
        return k;
    }

    Key lexKey() {
        int start = p;
        List<String> names = new ArrayList<>();
        String first = simpleKey();
        if (first == null) {
            p = start;
            return null;
        }
        names.add(first);
        int end = p;
        while (true) {
            skipWs();
            if (p >= n || src.charAt(p) != '.') {
                break;
            }
            p++;
            skipWs();
            String next = simpleKey();
            if (next == null) {
                break;
            }
            names.add(next);
            end = p;
        }
        p = end;
        return new Key(names, start, end);
    }

    private String simpleKey() {
        if (p < n && (src.charAt(p) == '"' || src.charAt(p) == '\'')) {
            if (src.startsWith("\"\"\"", p) || src.startsWith("'''", p)) {
                return null;
            }
            Scalar s = src.charAt(p) == '"' ? basicString() : literalString();
            return s == null ? null : ((NixString) s.value).value();
        }
        int start = p;
        while (p < n && isBareKeyChar(src.charAt(p))) {
            p++;
        }
        return p > start ? src.substring(start, p) : null;
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    // ---- building tables, with the library's rules and messages for conflicts

    void insert(Table root, Key key, Node v, boolean arrayOfTables) {
        Table tab = root;
        List<String> names = key.names();
        for (int i = 0; i < names.size(); i++) {
            String k = names.get(i);
            if (i == names.size() - 1) {
                insertLast(tab, k, key, v, arrayOfTables);
                return;
            }
            if (!tab.entries.containsKey(k)) {
                tab.entries.put(k, new Table(key.start(), key.end()));
            }
            Node existing = tab.entries.get(k);
            String path = String.join(".", names.subList(0, i + 1));
            if (existing instanceof Table t) {
                if (src.charAt(t.start) == '{') {
                    throw conflict("inserting to an inline table (" + path + ") but inline tables are immutable",
                            t, "inline tables are immutable", v, "inserting this");
                }
                tab = t;
            } else if (existing instanceof Array a) {
                if (a.items.isEmpty()) {
                    throw error("toml::insert_value: table (" + path + ") is an empty array",
                            new int[] {key.start(), key.end() - key.start(), v.start, size(v)}, "defined as an empty array",
                            "inserting this");
                }
                Node last = a.items.get(a.items.size() - 1);
                if (!(last instanceof Table t)) {
                    throw conflict("target (" + path + ") is neither table nor an array of tables",
                            last, "actual type is " + last.type(), v, "inserting this");
                }
                tab = t;
            } else {
                throw conflict("target (" + path + ") is neither table nor an array of tables",
                        existing, "actual type is " + existing.type(), v, "inserting this");
            }
        }
    }

    private void insertLast(Table tab, String k, Key key, Node v, boolean arrayOfTables) {
        String path = String.join(".", key.names());
        Node existing = tab.entries.get(k);
        if (arrayOfTables) {
            if (existing == null) {
                Array aot = new Array(key.start(), key.end());
                aot.items.add(v);
                tab.entries.put(k, aot);
                return;
            }
            if (existing instanceof Table) {
                throw conflict("array of table (\"" + path + "\") cannot be defined",
                        existing, "table already defined", v, "this conflicts with the previous table");
            }
            if (!(existing instanceof Array a) || a.items.isEmpty() || !(a.items.get(0) instanceof Table)) {
                throw conflict("array of table (\"" + path + "\") collides with existing value",
                        existing, "this " + existing.type() + " value already exists", v, "while inserting this array-of-tables");
            }
            if (!src.startsWith("[[", a.items.get(0).start)) {
                throw conflict("array of table (\"" + path + "\") collides with existing array-of-tables",
                        existing, "this array value has static size", v, "appending it to the statically sized array");
            }
            a.items.add(v);
            return;
        }
        if (existing == null) {
            tab.entries.put(k, v);
            return;
        }
        if (existing instanceof Table t && v instanceof Table vt) {
            if (!validForwardDefinition(t, vt, key.names())) {
                throw conflict("table (\"" + path + "\") already exists.",
                        existing, "table already exists here", v, "table defined twice");
            }
            for (Map.Entry<String, Node> e : vt.entries.entrySet()) {
                Node old = t.entries.get(e.getKey());
                if (old != null) {
                    throw conflict("value (\"" + path + "\") already exists.", old, "already exists here", v,
                            "this defined twice");
                }
                t.entries.put(e.getKey(), e.getValue());
            }
            t.start = key.start();
            t.end = key.end();
            return;
        }
        if (v instanceof Table && existing instanceof Array a && !a.items.isEmpty() && a.items.get(0) instanceof Table) {
            throw conflict("array of tables (\"" + path + "\") already exists.",
                    existing, "array of tables defined here", v, "table conflicts with the previous array of table");
        }
        throw conflict("value (\"" + path + "\") already exists.", existing, "value already exists here", v,
                "value defined twice");
    }

    /**
     * Whether a table may be given its own definition after it came into being: not by an inline
     * table, not twice by the same [header], and not over an inline table or an array-of-tables
     * header; a table made implicitly by a longer header or by a dotted key may.
     */
    private boolean validForwardDefinition(Table existing, Table inserting, List<String> keys) {
        if (src.charAt(inserting.start) == '{') {
            return false;
        }
        char c = src.charAt(existing.start);
        if (c == '[') {
            if (src.startsWith("[[", existing.start)) {
                return false;
            }
            List<String> defined = headerKeysAt(existing.start);
            return !keys.equals(defined);
        }
        return c != '{';
    }

    /** The keys of the [header] written at a position. */
    private List<String> headerKeysAt(int at) {
        int save = p;
        p = at + 1;
        skipWs();
        Key k = lexKey();
        p = save;
        return k == null ? List.of() : k.names();
    }

    private static int size(Node v) {
        return Math.max(v.end - v.start, 1);
    }

    private TomlError conflict(String message, Node a, String aComment, Node b, String bComment) {
        return error("toml::insert_value: " + message, new int[] {a.start, size(a), b.start, size(b)}, aComment, bComment);
    }
}
