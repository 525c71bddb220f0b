package org.nixproc.lang.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * What the TOML reader builds: tables, arrays and scalars, and keys, each with the region of the
 * text it came from for the error messages; and their conversion to Nix values.
 */
final class TomlNodes {
    private TomlNodes() {
    }

    // ---- parsed values, each with the region of the text it came from

    abstract static class Node {
        int start;
        int end;

        abstract String type();
    }

    static final class Scalar extends Node {
        final Value value;
        final String type;

        Scalar(Value value, String type, int start, int end) {
            this.value = value;
            this.type = type;
            this.start = start;
            this.end = end;
        }

        @Override
        String type() {
            return type;
        }
    }

    static final class Table extends Node {
        final Map<String, Node> entries = new LinkedHashMap<>();

        Table(int start, int end) {
            this.start = start;
            this.end = end;
        }

        @Override
        String type() {
            return "table";
        }
    }

    static final class Array extends Node {
        final List<Node> items = new ArrayList<>();

        Array(int start, int end) {
            this.start = start;
            this.end = end;
        }

        @Override
        String type() {
            return "array";
        }
    }

    record Key(List<String> names, int start, int end) {
    }

    record KeyValue(Key key, Node value) {
    }

    static Value toNix(Node node) {
        if (node instanceof Table t) {
            NixAttrs.Builder b = new NixAttrs.Builder(t.entries.size());
            for (Map.Entry<String, Node> e : t.entries.entrySet()) {
                b.put(e.getKey(), toNix(e.getValue()));
            }
            return b.build();
        }
        if (node instanceof Array a) {
            Lazy[] elems = new Lazy[a.items.size()];
            for (int i = 0; i < elems.length; i++) {
                elems[i] = toNix(a.items.get(i));
            }
            return new NixList(elems);
        }
        Scalar s = (Scalar) node;
        if (s.value == null) {
            throw new TomlError("Dates and times are not supported");
        }
        if (s.value instanceof NixString str && str.value().indexOf('\0') >= 0) {
            // Nix 2.8 keeps strings as C strings: a NUL byte ends them (attribute names keep theirs).
            return NixString.of(str.value().substring(0, str.value().indexOf('\0')));
        }
        return s.value;
    }
}
