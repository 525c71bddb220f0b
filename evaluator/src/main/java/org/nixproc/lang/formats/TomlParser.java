package org.nixproc.lang.formats;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The TOML reader of builtins.fromTOML, accepting what Nix 2.8 accepts (TOML 1.0 as its TOML
 * library reads it: mixed arrays, dotted keys, tables defined after their sub-tables) and
 * reporting errors in that library's words and layout, which Nix shows verbatim: a headline,
 * then the offending lines with markers under the places concerned. Date and time values parse,
 * but Nix has no value for them, so a document containing one is an error.
 *
 * <p>Like the library, the reader appends a newline to text that lacks a final one. Integers
 * beyond 64 bits saturate and floats beyond the double range become the largest double, as the
 * library's stream conversions do; binary integers wrap.
 */
public final class TomlParser {
    /** A TOML error; the message is the library's complete text. */
    public static final class TomlError extends RuntimeException {
        TomlError(String message) {
            super(message, null, false, false);
        }
    }

    private static final String[] INT_HINTS = {"pass: -42, 1_000, 1_2_3_4_5, 0xC0FFEE, 0b0010, 0o755",
        "fail: 1__000, 0123"};
    private static final String[] FLOAT_HINTS = {"pass: +1.0, -2e-2, 3.141_592_653_589, inf, nan",
        "fail: .0, 1., _1.0, 1.0_, 1_.0, 1.0__0"};
    private static final String[] KEY_HINTS = {"bare keys  : non-empty strings composed only of [A-Za-z0-9_-].",
        "quoted keys: same as \"basic strings\" or 'literal strings'.",
        "dotted keys: sequence of bare or quoted keys joined with a dot."};

    // ---- parsed values, each with the region of the text it came from

    private abstract static class Node {
        int start;
        int end;

        abstract String type();
    }

    private static final class Scalar extends Node {
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

    private static final class Table extends Node {
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

    private static final class Array extends Node {
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

    private record Key(List<String> names, int start, int end) {
    }

    private record KeyValue(Key key, Node value) {
    }

    private final String src;
    private final int n;
    private int p;
    /** The message of the last failure a parse method reported by returning null. */
    private String failure;

    private TomlParser(String src) {
        this.src = src;
        this.n = src.length();
    }

    /** The document as a Nix attribute set. */
    public static Value parse(String text) {
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3);
        }
        if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
            text += "\n";
        }
        return toNix(new TomlParser(text).document());
    }

    private static Value toNix(Node node) {
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

    // ---- document structure

    private Table document() {
        skipLines();
        Table root = bodyOf(new Table(0, 0));
        while (p < n) {
            int before = p;
            Key aot = tableHeader(true);
            if (aot != null) {
                Table body = bodyOf(headerTable(aot));
                insert(root, aot, body, true);
                continue;
            }
            Key std = tableHeader(false);
            if (std != null) {
                Table body = bodyOf(headerTable(std));
                insert(root, std, body, false);
                continue;
            }
            throw error("toml::parse_toml_file: unknown line appeared", p, 1, "unknown format");
        }
        return root;
    }

    private static Table headerTable(Key key) {
        return new Table(key.start, key.end);
    }

    /** The key/value lines of a table up to the next header, inserted into tab. */
    private Table bodyOf(Table tab) {
        if (p >= n) {
            return tab;
        }
        skipLines();
        skipWs();
        while (p < n) {
            skipWs();
            int before = p;
            if (tableHeader(true) != null || tableHeader(false) != null) {
                p = before;
                return tab;
            }
            KeyValue kv = keyValue();
            if (kv == null) {
                throw new TomlError(failure);
            }
            insert(tab, kv.key, kv.value, false);
            if (!skipLines() && p < n) {
                skipWs();
                throw error("toml::parse_table: invalid line format", p, 1,
                        "expected newline, but got '" + showChar(src.charAt(p)) + "'.");
            }
            skipWs();
            skipComment();
        }
        return tab;
    }

    /** [a.b] or [[a.b]] and the end of its line, or null (position unchanged) if there is none here. */
    private Key tableHeader(boolean array) {
        int start = p;
        String open = array ? "[[" : "[";
        String close = array ? "]]" : "]";
        if (!src.startsWith(open, p)) {
            return null;
        }
        p += open.length();
        skipWs();
        Key key = lexKey();
        skipWs();
        if (key == null || !src.startsWith(close, p)) {
            p = start;
            return null;
        }
        p += close.length();
        Key header = new Key(key.names, start, p);
        if (p < n) {
            int after = p;
            if (!lineEnd()) {
                p = after;
                throw error(array ? "toml::parse_array_table_key: newline required after [[table.key]]"
                        : "toml::parse_table_key: newline required after [table.key]", p, 1, "expected newline");
            }
        }
        return header;
    }

    private KeyValue keyValue() {
        int first = p;
        Key key = key();
        if (key == null) {
            if (keyValueSeparator()) {
                p = first;
                failure = format("toml::parse_key_value_pair: empty key is not allowed.", p, 1, "key expected before '='");
            }
            return null;
        }
        if (!keyValueSeparator()) {
            int eol = src.indexOf('\n', p);
            if (src.substring(p, eol < 0 ? n : eol).indexOf('=') >= 0) {
                failure = format("toml::parse_key_value_pair: invalid format for key", p, 1, "invalid character in key",
                        "Did you forget '.' to separate dotted-key?", "Allowed characters for bare key are [0-9a-zA-Z_-].");
            } else {
                failure = format("toml::parse_key_value_pair: missing key-value separator `=`", p, 1, "should be `=`");
            }
            p = first;
            return null;
        }
        int afterSeparator = p;
        Node value = value();
        if (value == null) {
            p = afterSeparator;
            skipWs();
            skipComment();
            if (newline()) {
                failure = format("toml::parse_key_value_pair: missing value after key-value separator '='",
                        afterSeparator, 1, "expected value, but got nothing");
            }
            p = first;
            return null;
        }
        return new KeyValue(key, value);
    }

    private boolean keyValueSeparator() {
        int start = p;
        skipWs();
        if (p < n && src.charAt(p) == '=') {
            p++;
            skipWs();
            return true;
        }
        p = start;
        return false;
    }

    // ---- keys

    /** A dotted or simple key, or null with the failure set (position unchanged). */
    private Key key() {
        int start = p;
        Key k = lexKey();
        if (k == null) {
            p = start;
            failure = format("toml::parse_key: an invalid key appeared.", p, 1, "is not a valid key", KEY_HINTS);
        }
        return k;
    }

    private Key lexKey() {
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

    // ---- values

    /** A value, or null with the failure set. Errors inside arrays and inline tables are thrown. */
    private Node value() {
        if (p >= n) {
            failure = format("toml::parse_value: input is empty", p, 1, "");
            return null;
        }
        char c = src.charAt(p);
        switch (c) {
            case '"':
                return src.startsWith("\"\"\"", p) ? multiLineBasicString() : basicString();
            case '\'':
                return src.startsWith("'''", p) ? multiLineLiteralString() : literalString();
            case 't', 'f':
                return bool();
            case '[':
                return array();
            case '{':
                return inlineTable();
            case 'i', 'n':
                return floating();
            default:
                return number();
        }
    }

    private Node bool() {
        for (String word : new String[] {"true", "false"}) {
            if (src.startsWith(word, p)) {
                int start = p;
                p += word.length();
                return new Scalar(NixBool.of(word.equals("true")), "boolean", start, p);
            }
        }
        failure = format("toml::parse_boolean: ", p, 1, "the next token is not a boolean");
        return null;
    }

    /** Numbers, dates and times: told apart by lexing, as the library guesses a value's type. */
    private Node number() {
        int start = p;
        int end = offsetDateTime(start);
        if (end >= 0) {
            return dateValue(start, end, "offset_datetime");
        }
        end = localDateTime(start);
        if (end >= 0) {
            if (end < n && (src.charAt(end) == '+' || src.charAt(end) == '-')) {
                failure = format("bad offset: should be [+-]HH:MM or Z", end, 1, "[+-]HH:MM or Z",
                        "pass: +09:00, -05:30", "fail: +9:00, -5:30");
                return null;
            }
            return dateValue(start, end, "local_datetime");
        }
        if ((end = date(start)) >= 0) {
            char c = end < n ? src.charAt(end) : '\n';
            if (c == 'T' || c == 't') {
                failure = format("bad time: should be HH:MM:SS.subsec", end, 1, "HH:MM:SS.subsec",
                        "pass: 1979-05-27T07:32:00, 1979-05-27 07:32:00.999999", "fail: 1979-05-27T7:32:00, 1979-05-27 17:32");
                return null;
            }
            if (isDigit(c)) {
                failure = format("bad time: missing T", end, 1, "T or space required here",
                        "pass: 1979-05-27T07:32:00, 1979-05-27 07:32:00.999999", "fail: 1979-05-27T7:32:00, 1979-05-27 7:32");
                return null;
            }
            if (c == ' ' && end + 1 < n && isDigit(src.charAt(end + 1))) {
                failure = format("bad time: should be HH:MM:SS.subsec", end + 1, 1, "HH:MM:SS.subsec",
                        "pass: 1979-05-27T07:32:00, 1979-05-27 07:32:00.999999", "fail: 1979-05-27T7:32:00, 1979-05-27 7:32");
                return null;
            }
            return dateValue(start, end, "local_date");
        }
        if ((end = time(start)) >= 0) {
            return dateValue(start, end, "local_time");
        }
        if ((end = lexFloat(start)) >= 0) {
            if (end < n && src.charAt(end) == '_') {
                failure = format("bad float: `_` should be surrounded by digits", end, 1, "here", FLOAT_HINTS);
                return null;
            }
            return floating();
        }
        if ((end = lexInteger(start)) >= 0) {
            char c = end < n ? src.charAt(end) : '\n';
            if (c == '_') {
                failure = format("bad integer: `_` should be surrounded by digits", end, 1, "here", INT_HINTS);
                return null;
            }
            if (isDigit(c)) {
                failure = format("bad integer: leading zero", end - 1, 1, "here", INT_HINTS);
                return null;
            }
            if (c == ':' || c == '-') {
                failure = format("bad datetime: invalid format", end, 1, "here",
                        "pass: 1979-05-27T07:32:00-07:00, 1979-05-27 07:32:00.999999Z",
                        "fail: 1979-05-27T7:32:00-7:00, 1979-05-27 7:32-00:30");
                return null;
            }
            if (c == '.' || c == 'e' || c == 'E') {
                failure = format("bad float: invalid format", end, 1, "here", FLOAT_HINTS);
                return null;
            }
            return integer();
        }
        char c = src.charAt(start);
        if (c == '.') {
            failure = format("bad float: invalid format", start, 1, "integer part required before this", FLOAT_HINTS);
        } else if (c == '_') {
            failure = format("bad number: `_` should be surrounded by digits", start, 1,
                    "`_` is not surrounded by digits", INT_HINTS);
        } else {
            failure = format("bad format: unknown value appeared", start, 1, "here");
        }
        return null;
    }

    /** A date or time value: parsed, but not representable in Nix. */
    private Node dateValue(int start, int end, String type) {
        p = end;
        return new Scalar(null, type, start, end);
    }

    private Node integer() {
        int start = p;
        if (src.charAt(p) == '0' && p + 1 < n) {
            char second = src.charAt(p + 1);
            if (second == 'b' || second == 'o' || second == 'x') {
                int radix = second == 'b' ? 2 : second == 'o' ? 8 : 16;
                int end = digitsWithUnderscores(p + 2, radix);
                if (end < 0) {
                    // The library words these three slightly differently.
                    String name = radix == 2 ? "binary_integer:" : radix == 8 ? "octal_integer:" : "hexadecimal_integer";
                    failure = format("toml::parse_" + name, p, 1, "the next token is not an integer");
                    return null;
                }
                p = end;
                String digits = src.substring(start + 2, end).replace("_", "");
                long v = radix == 2 ? new BigInteger(digits, 2).longValue() : saturate(new BigInteger(digits, radix));
                return new Scalar(NixInt.of(v), "integer", start, end);
            }
            if (isDigit(second)) {
                failure = format("toml::parse_integer: leading zero in an Integer is not allowed.", p, 1, "leading zero");
                return null;
            }
            if (Character.isLetter(second) && second < 0x80) {
                failure = format("toml::parse_integer: unknown integer prefix appeared.", p, 1, "none of 0x, 0o, 0b");
                return null;
            }
        }
        int end = decimalInteger(p);
        if (end < 0) {
            failure = format("toml::parse_integer: ", p, 1, "the next token is not an integer");
            return null;
        }
        p = end;
        return new Scalar(NixInt.of(saturate(new BigInteger(src.substring(start, end).replace("_", "")))), "integer", start, end);
    }

    private static long saturate(BigInteger v) {
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private Node floating() {
        int start = p;
        int end = lexFloat(p);
        if (end < 0) {
            failure = format("toml::parse_floating: ", p, 1, "the next token is not a float");
            return null;
        }
        p = end;
        String text = src.substring(start, end).replace("_", "");
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        boolean negative = text.startsWith("-");
        double v;
        if (unsigned.equals("inf")) {
            v = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else if (unsigned.equals("nan")) {
            v = negative ? Double.longBitsToDouble(0xfff8000000000000L) : Double.NaN;
        } else {
            v = Double.parseDouble(text);
            if (Double.isInfinite(v)) {
                v = negative ? -Double.MAX_VALUE : Double.MAX_VALUE;
            }
        }
        return new Scalar(new NixFloat(v), "floating", start, end);
    }

    private Node array() {
        int first = p;
        p++;
        Array array = new Array(first, first);
        while (p < n) {
            skipWsCommentsNewlines();
            if (p < n && src.charAt(p) == ']') {
                p++;
                array.end = p;
                return array;
            }
            Node v = value();
            if (v == null) {
                throw error("toml::parse_array: value having invalid format appeared in an array",
                        new int[] {first, 1, p, 1}, "array starts here", "it is not a valid value.");
            }
            array.items.add(v);
            int save = p;
            skipWsCommentsNewlines();
            if (p < n && src.charAt(p) == ',') {
                p++;
                continue;
            }
            p = save;
            skipWsCommentsNewlines();
            if (p < n && src.charAt(p) == ']') {
                p++;
                array.end = p;
                return array;
            }
            throw error("toml::parse_array: missing array separator `,` after a value",
                    new int[] {first, 1, p, 1}, "array starts here", "should be `,`");
        }
        p = first;
        throw error("toml::parse_array: array did not closed by `]`", p, 1, "should be closed");
    }

    private Node inlineTable() {
        int first = p;
        p++;
        Table table = new Table(first, first);
        skipWs();
        if (p < n && src.charAt(p) == '}') {
            p++;
            table.end = p;
            return table;
        }
        while (p < n) {
            KeyValue kv = keyValue();
            if (kv == null) {
                return null;
            }
            insert(table, kv.key, kv.value, false);
            skipWs();
            if (p < n && src.charAt(p) == ',') {
                p++;
                skipWs();
                if (p < n && src.charAt(p) == '}') {
                    throw error("toml::parse_inline_table: trailing comma is not allowed in an inline table", p, 1,
                            "should be `}`");
                }
                continue;
            }
            if (p >= n) {
                throw error("toml::parse_inline_table: missing table separator `}` ", p, 1, "should be `}`");
            }
            char c = src.charAt(p);
            if (c == '}') {
                p++;
                table.end = p;
                return table;
            }
            if (c == '#' || c == '\r' || c == '\n') {
                throw error("toml::parse_inline_table: missing curly brace `}`", p, 1, "should be `}`");
            }
            throw error("toml::parse_inline_table: missing table separator `,` ", p, 1, "should be `,`");
        }
        p = first;
        throw error("toml::parse_inline_table: inline table did not closed by `}`", p, 1, "should be closed");
    }

    // ---- strings (the value of a Scalar string is its decoded bytes)

    private Scalar basicString() {
        int first = p;
        StringBuilder out = new StringBuilder();
        p++;
        while (true) {
            int c = p < n ? src.charAt(p) : -1;
            if (c == '"') {
                p++;
                return new Scalar(NixString.of(out.toString()), "string", first, p);
            }
            if (c == '\\') {
                if (!escape(out)) {
                    break;
                }
            } else if (isStringChar(c)) {
                out.append((char) c);
                p++;
            } else {
                break;
            }
        }
        p = first;
        failure = format("toml::parse_basic_string: the next token is not a valid string", p, 1, "here");
        return null;
    }

    private Scalar multiLineBasicString() {
        int first = p;
        StringBuilder out = new StringBuilder();
        p += 3;
        skipOneNewline();
        while (p < n) {
            char c = src.charAt(p);
            if (c == '"') {
                int q = quotes(p, '"');
                if (q >= 3) {
                    if (q > 5) {
                        break;
                    }
                    out.append("\"".repeat(q - 3));
                    p += q;
                    return new Scalar(NixString.of(out.toString()), "string", first, p);
                }
                out.append("\"".repeat(q));
                p += q;
            } else if (c == '\\') {
                int save = p;
                p++;
                skipWs();
                if (newline()) {
                    skipWsCommentsNewlinesOnly();
                    continue;
                }
                p = save;
                if (!escape(out)) {
                    break;
                }
            } else if (newlineAt(p)) {
                int len = c == '\r' ? 2 : 1;
                out.append(src, p, p + len);
                p += len;
            } else if (isStringChar(c)) {
                out.append(c);
                p++;
            } else {
                break;
            }
        }
        p = first;
        failure = format("toml::parse_ml_basic_string: the next token is not a valid multiline string", p, 1, "here");
        return null;
    }

    private Scalar literalString() {
        int first = p;
        p++;
        while (p < n && isLiteralChar(src.charAt(p))) {
            p++;
        }
        if (p < n && src.charAt(p) == '\'') {
            p++;
            return new Scalar(NixString.of(src.substring(first + 1, p - 1)), "string", first, p);
        }
        p = first;
        failure = format("toml::parse_literal_string: the next token is not a valid literal string", p, 1, "here");
        return null;
    }

    private Scalar multiLineLiteralString() {
        int first = p;
        p += 3;
        skipOneNewline();
        int contentStart = p;
        while (p < n) {
            char c = src.charAt(p);
            if (c == '\'') {
                int q = quotes(p, '\'');
                if (q >= 3) {
                    if (q > 5) {
                        break;
                    }
                    String content = src.substring(contentStart, p) + "'".repeat(q - 3);
                    p += q;
                    return new Scalar(NixString.of(content), "string", first, p);
                }
                p += q;
            } else if (newlineAt(p)) {
                p += c == '\r' ? 2 : 1;
            } else if (isLiteralChar(c)) {
                p++;
            } else {
                break;
            }
        }
        p = first;
        failure = format("toml::parse_ml_literal_string: the next token is not a valid multiline literal string", p, 1,
                "here");
        return null;
    }

    private int quotes(int at, char q) {
        int k = at;
        while (k < n && src.charAt(k) == q) {
            k++;
        }
        return k - at;
    }

    private void skipOneNewline() {
        if (newlineAt(p)) {
            p += src.charAt(p) == '\r' ? 2 : 1;
        }
    }

    /** An escape at p (a backslash), decoded into out; false if it is not a valid one. */
    private boolean escape(StringBuilder out) {
        if (p + 1 >= n) {
            return false;
        }
        char c = src.charAt(p + 1);
        String simple = switch (c) {
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            default -> null;
        };
        if (simple != null) {
            out.append(simple);
            p += 2;
            return true;
        }
        int digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
        if (digits == 0 || p + 2 + digits > n) {
            return false;
        }
        String hex = src.substring(p + 2, p + 2 + digits);
        for (int i = 0; i < digits; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || hex.charAt(i) > 'f') {
                return false;
            }
        }
        p += 2 + digits;
        long cp = Long.parseLong(hex, 16);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            throw error("toml::read_utf8_codepoint: codepoints in the range [0xD800, 0xDFFF] are not valid UTF-8.", p, 1,
                    "not a valid UTF-8 codepoint");
        }
        if (cp > 0x10FFFF) {
            throw error("toml::read_utf8_codepoint: input codepoint is too large.", p, 1, "should be in [0x00..0x10FFFF]");
        }
        byte[] utf8 = new String(Character.toChars((int) cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : utf8) {
            out.append((char) (b & 0xFF));
        }
        return true;
    }

    private static boolean isStringChar(int c) {
        return c == '\t' || c >= 0x20 && c != '"' && c != '\\' && c != 0x7F;
    }

    private static boolean isLiteralChar(int c) {
        return c == '\t' || c >= 0x20 && c != '\'' && c != 0x7F;
    }

    // ---- lexing numbers, dates and times: each returns the end of the token at start, or -1

    private int decimalInteger(int start) {
        int k = start;
        if (k < n && (src.charAt(k) == '+' || src.charAt(k) == '-')) {
            k++;
        }
        if (k >= n || !isDigit(src.charAt(k))) {
            return -1;
        }
        if (src.charAt(k) == '0') {
            return k + 1;
        }
        return digitsWithUnderscores(k, 10);
    }

    /** Digits of a radix, single underscores allowed between them. */
    private int digitsWithUnderscores(int start, int radix) {
        if (start >= n || Character.digit(src.charAt(start), radix) < 0 || src.charAt(start) > 'f') {
            return -1;
        }
        int k = start + 1;
        while (k < n) {
            char c = src.charAt(k);
            if (Character.digit(c, radix) >= 0 && c <= 'f') {
                k++;
            } else if (c == '_' && k + 1 < n && Character.digit(src.charAt(k + 1), radix) >= 0 && src.charAt(k + 1) <= 'f') {
                k += 2;
            } else {
                break;
            }
        }
        return k;
    }

    private int lexInteger(int start) {
        if (src.startsWith("0b", start) || src.startsWith("0o", start) || src.startsWith("0x", start)) {
            char kind = src.charAt(start + 1);
            int end = digitsWithUnderscores(start + 2, kind == 'b' ? 2 : kind == 'o' ? 8 : 16);
            if (end >= 0) {
                return end;
            }
        }
        return decimalInteger(start);
    }

    private int lexFloat(int start) {
        int k = start;
        if (k < n && (src.charAt(k) == '+' || src.charAt(k) == '-')) {
            k++;
        }
        if (src.startsWith("inf", k) || src.startsWith("nan", k)) {
            return k + 3;
        }
        int intEnd = decimalInteger(start);
        if (intEnd < 0) {
            return -1;
        }
        int exp = exponent(intEnd);
        if (exp >= 0) {
            return exp;
        }
        if (intEnd < n && src.charAt(intEnd) == '.') {
            int frac = digitsWithUnderscores(intEnd + 1, 10);
            if (frac >= 0) {
                int e = exponent(frac);
                return e >= 0 ? e : frac;
            }
        }
        return -1;
    }

    private int exponent(int start) {
        if (start >= n || (src.charAt(start) != 'e' && src.charAt(start) != 'E')) {
            return -1;
        }
        int k = start + 1;
        if (k < n && (src.charAt(k) == '+' || src.charAt(k) == '-')) {
            k++;
        }
        return digitsWithUnderscores(k, 10);
    }

    private int fixedDigits(int start, int count) {
        if (start < 0) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (start + i >= n || !isDigit(src.charAt(start + i))) {
                return -1;
            }
        }
        return start + count;
    }

    private int expect(int at, char c) {
        return at >= 0 && at < n && src.charAt(at) == c ? at + 1 : -1;
    }

    /** YYYY-MM-DD */
    private int date(int start) {
        int k = fixedDigits(start, 4);
        k = k < 0 ? -1 : fixedDigits(expect(k, '-'), 2);
        k = k < 0 ? -1 : fixedDigits(expect(k, '-'), 2);
        return k;
    }

    /** HH:MM:SS with optional fraction. */
    private int time(int start) {
        int k = fixedDigits(start, 2);
        k = k < 0 ? -1 : fixedDigits(expect(k, ':'), 2);
        k = k < 0 ? -1 : fixedDigits(expect(k, ':'), 2);
        if (k >= 0 && k + 1 < n && src.charAt(k) == '.' && isDigit(src.charAt(k + 1))) {
            k++;
            while (k < n && isDigit(src.charAt(k))) {
                k++;
            }
        }
        return k;
    }

    private int localDateTime(int start) {
        int k = date(start);
        if (k < 0 || k >= n || "Tt ".indexOf(src.charAt(k)) < 0) {
            return -1;
        }
        return time(k + 1);
    }

    private int offsetDateTime(int start) {
        int k = localDateTime(start);
        if (k < 0 || k >= n) {
            return -1;
        }
        char c = src.charAt(k);
        if (c == 'Z' || c == 'z') {
            return k + 1;
        }
        if (c == '+' || c == '-') {
            int h = fixedDigits(k + 1, 2);
            return h < 0 ? -1 : fixedDigits(expect(h, ':'), 2);
        }
        return -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    // ---- whitespace, comments and newlines

    private void skipWs() {
        while (p < n && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
            p++;
        }
    }

    private void skipComment() {
        if (p < n && src.charAt(p) == '#') {
            p++;
            while (p < n && (src.charAt(p) == '\t' || src.charAt(p) >= 0x20 && src.charAt(p) != 0x7F)) {
                p++;
            }
        }
    }

    private boolean newlineAt(int at) {
        return at < n && (src.charAt(at) == '\n' || src.charAt(at) == '\r' && at + 1 < n && src.charAt(at + 1) == '\n');
    }

    private boolean newline() {
        if (newlineAt(p)) {
            p += src.charAt(p) == '\r' ? 2 : 1;
            return true;
        }
        return false;
    }

    /** Whitespace, an optional comment and a newline, at p; p unchanged if not. */
    private boolean lineEnd() {
        int start = p;
        skipWs();
        skipComment();
        if (newline()) {
            return true;
        }
        p = start;
        return false;
    }

    /** Any number of blank or comment-only lines; true if there was at least one. */
    private boolean skipLines() {
        boolean any = false;
        while (lineEnd()) {
            any = true;
        }
        return any;
    }

    private void skipWsCommentsNewlines() {
        while (p < n) {
            char c = src.charAt(p);
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '#') {
                skipComment();
            } else if (!newline()) {
                return;
            }
        }
    }

    /** After a line-ending backslash in a multi-line string: whitespace and newlines are dropped. */
    private void skipWsCommentsNewlinesOnly() {
        while (p < n && (src.charAt(p) == ' ' || src.charAt(p) == '\t' || newlineAt(p))) {
            p += src.charAt(p) == '\r' ? 2 : 1;
        }
    }

    // ---- building tables, with the library's rules and messages for conflicts

    private void insert(Table root, Key key, Node v, boolean arrayOfTables) {
        Table tab = root;
        List<String> names = key.names;
        for (int i = 0; i < names.size(); i++) {
            String k = names.get(i);
            if (i == names.size() - 1) {
                insertLast(tab, k, key, v, arrayOfTables);
                return;
            }
            if (!tab.entries.containsKey(k)) {
                tab.entries.put(k, new Table(key.start, key.end));
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
                            new int[] {key.start, key.end - key.start, v.start, size(v)}, "defined as an empty array",
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
        String path = String.join(".", key.names);
        Node existing = tab.entries.get(k);
        if (arrayOfTables) {
            if (existing == null) {
                Array aot = new Array(key.start, key.end);
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
            if (!validForwardDefinition(t, vt, key.names)) {
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
            t.start = key.start;
            t.end = key.end;
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
        return k == null ? List.of() : k.names;
    }

    private static int size(Node v) {
        return Math.max(v.end - v.start, 1);
    }

    private TomlError conflict(String message, Node a, String aComment, Node b, String bComment) {
        return error("toml::insert_value: " + message, new int[] {a.start, size(a), b.start, size(b)}, aComment, bComment);
    }

    // ---- messages in the library's layout

    private TomlError error(String message, int at, int size, String comment) {
        return new TomlError(format(message, new int[] {at, size}, new String[] {comment}));
    }

    private TomlError error(String message, int[] regions, String... comments) {
        return new TomlError(format(message, regions, comments));
    }

    private String format(String message, int at, int size, String comment, String... hints) {
        return format(message, new int[] {at, size}, new String[] {comment}, hints);
    }

    /**
     * The message: headline, file name, then each region's line with a marker under it (a caret
     * for a single character, tildes for more), "..." between regions, and hints after.
     */
    private String format(String message, int[] regions, String[] comments, String... hints) {
        int width = 1;
        for (int i = 0; i < regions.length; i += 2) {
            width = Math.max(width, Integer.toString(lineOf(regions[i])).length());
        }
        String bar = " ".repeat(width + 2) + "|";
        StringBuilder out = new StringBuilder("[error] ").append(message).append('\n');
        out.append(" --> fromTOML\n").append(bar).append('\n');
        for (int i = 0; i < regions.length; i += 2) {
            int at = regions[i];
            if (i > 0) {
                out.append("\n ...\n");
            }
            int lineStart = src.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = src.indexOf('\n', at);
            String line = src.substring(lineStart, lineEnd < 0 ? n : lineEnd);
            String number = Integer.toString(lineOf(at));
            out.append(' ').append(" ".repeat(width - number.length())).append(number).append(" | ").append(line).append('\n');
            out.append(bar).append(' ').append(" ".repeat(at - lineStart));
            int size = regions[i + 1];
            out.append(size == 1 ? "^---" : "~".repeat(Math.min(size, line.length())));
            out.append(' ').append(comments[i / 2]);
        }
        if (hints.length > 0) {
            out.append('\n').append(bar);
            for (String hint : hints) {
                out.append("\nHint: ").append(hint);
            }
        }
        // Nix drops trailing blanks from every line of an error message.
        return out.toString().replaceAll("[ \\t]+(?=\\n|$)", "");
    }

    private int lineOf(int at) {
        int line = 1;
        for (int i = 0; i < at && i < n; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String showChar(char c) {
        return c > 0x20 && c < 0x7F ? String.valueOf(c) : String.format("0x%02x", (int) c);
    }
}
