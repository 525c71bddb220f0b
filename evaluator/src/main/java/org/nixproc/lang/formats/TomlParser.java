package org.nixproc.lang.formats;

import java.math.BigInteger;
import org.nixproc.lang.formats.TomlNodes.Array;
import org.nixproc.lang.formats.TomlNodes.Key;
import org.nixproc.lang.formats.TomlNodes.KeyValue;
import org.nixproc.lang.formats.TomlNodes.Node;
import org.nixproc.lang.formats.TomlNodes.Scalar;
import org.nixproc.lang.formats.TomlNodes.Table;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
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
 *
 * <p>The reader is built in layers: {@link TomlScanner} reads tokens, {@link TomlTables} keys
 * and tables, and this class the document and its values, into {@link TomlNodes}.
 */
public final class TomlParser extends TomlTables {
    private static final String[] INT_HINTS = {"pass: -42, 1_000, 1_2_3_4_5, 0xC0FFEE, 0b0010, 0o755",
        "fail: 1__000, 0123"};
    private static final String[] FLOAT_HINTS = {"pass: +1.0, -2e-2, 3.141_592_653_589, inf, nan",
        "fail: .0, 1., _1.0, 1.0_, 1_.0, 1.0__0"};

    private TomlParser(String src) {
        super(src);
    }

    /** The document as a Nix attribute set. */
    public static Value parse(String text) {
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3);
        }
        if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
            text += "\n";
        }
        return TomlNodes.toNix(new TomlParser(text).document());
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
        return new Table(key.start(), key.end());
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
            insert(tab, kv.key(), kv.value(), false);
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
        Key header = new Key(key.names(), start, p);
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
            insert(table, kv.key(), kv.value(), false);
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
}
