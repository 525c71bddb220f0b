package org.nixproc.lang.formats;

import org.nixproc.lang.formats.TomlNodes.Scalar;
import org.nixproc.lang.value.NixString;

/**
 * The lexical base of the TOML reader: the text and the cursor, strings, the lexing of numbers,
 * dates and times, whitespace, comments and newlines, and messages in the TOML library's layout.
 */
abstract class TomlScanner {
    final String src;
    final int n;
    int p;
    /** The message of the last failure a parse method reported by returning null. */
    String failure;

    TomlScanner(String src) {
        this.src = src;
        this.n = src.length();
    }

    // ---- strings (the value of a Scalar string is its decoded bytes)

    Scalar basicString() {
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

    Scalar multiLineBasicString() {
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

    Scalar literalString() {
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

    Scalar multiLineLiteralString() {
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

    int decimalInteger(int start) {
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
    int digitsWithUnderscores(int start, int radix) {
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

    int lexInteger(int start) {
        if (src.startsWith("0b", start) || src.startsWith("0o", start) || src.startsWith("0x", start)) {
            char kind = src.charAt(start + 1);
            int end = digitsWithUnderscores(start + 2, kind == 'b' ? 2 : kind == 'o' ? 8 : 16);
            if (end >= 0) {
                return end;
            }
        }
        return decimalInteger(start);
    }

    int lexFloat(int start) {
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
    int date(int start) {
        int k = fixedDigits(start, 4);
        k = k < 0 ? -1 : fixedDigits(expect(k, '-'), 2);
        k = k < 0 ? -1 : fixedDigits(expect(k, '-'), 2);
        return k;
    }

    /** HH:MM:SS with optional fraction. */
    int time(int start) {
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

    int localDateTime(int start) {
        int k = date(start);
        if (k < 0 || k >= n || "Tt ".indexOf(src.charAt(k)) < 0) {
            return -1;
        }
        return time(k + 1);
    }

    int offsetDateTime(int start) {
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

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    // ---- whitespace, comments and newlines

    void skipWs() {
        while (p < n && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
            p++;
        }
    }

    void skipComment() {
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

    boolean newline() {
        if (newlineAt(p)) {
            p += src.charAt(p) == '\r' ? 2 : 1;
            return true;
        }
        return false;
    }

    /** Whitespace, an optional comment and a newline, at p; p unchanged if not. */
    boolean lineEnd() {
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
    boolean skipLines() {
        boolean any = false;
        while (lineEnd()) {
            any = true;
        }
        return any;
    }

    void skipWsCommentsNewlines() {
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

    // ---- messages in the library's layout

    TomlError error(String message, int at, int size, String comment) {
        return new TomlError(format(message, new int[] {at, size}, new String[] {comment}));
    }

    TomlError error(String message, int[] regions, String... comments) {
        return new TomlError(format(message, regions, comments));
    }

    String format(String message, int at, int size, String comment, String... hints) {
        return format(message, new int[] {at, size}, new String[] {comment}, hints);
    }

    /**
     * The message: headline, file name, then each region's line with a marker under it (a caret
     * for a single character, tildes for more), "..." between regions, and hints after.
     */
    String format(String message, int[] regions, String[] comments, String... hints) {
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

    static String showChar(char c) {
        return c > 0x20 && c < 0x7F ? String.valueOf(c) : String.format("0x%02x", (int) c);
    }
}
