package org.nixproc.lang.formats;

import org.nixproc.lang.ast.Pos;

import java.util.ArrayList;
import java.util.List;
import org.nixproc.lang.eval.NixError;
import org.nixproc.lang.value.Lazy;
import org.nixproc.lang.value.NixAttrs;
import org.nixproc.lang.value.NixBool;
import org.nixproc.lang.value.NixFloat;
import org.nixproc.lang.value.NixInt;
import org.nixproc.lang.value.NixList;
import org.nixproc.lang.value.NixNull;
import org.nixproc.lang.value.NixString;
import org.nixproc.lang.value.Value;

/**
 * The JSON reader of builtins.fromJSON. Nix 2.8 reads JSON with a library whose error messages
 * users see verbatim ("[json.exception.parse_error.101] parse error at line 1, column 2: syntax
 * error while parsing object key - ..."), so this reader follows the same rules for what is an
 * error, where it is reported (line, and column counted in bytes read so far, including the one
 * that revealed the error) and how the text read so far is quoted back. Input and strings are
 * byte strings (one char per byte); a NUL byte in the input ends it.
 */
public final class JsonParser {
    private static final int EOF = -1;

    private enum Token {
        TRUE("true literal"), FALSE("false literal"), NULL("null literal"), STRING("string literal"),
        UNSIGNED("number literal"), INTEGER("number literal"), FLOAT("number literal"),
        BEGIN_ARRAY("'['"), BEGIN_OBJECT("'{'"), END_ARRAY("']'"), END_OBJECT("'}'"),
        NAME_SEPARATOR("':'"), VALUE_SEPARATOR("','"), PARSE_ERROR("<parse error>"),
        END_OF_INPUT("end of input"), LITERAL_OR_VALUE("'[', '{', or a literal");

        final String description;

        Token(String description) {
            this.description = description;
        }
    }

    private static final String[] CONTROL_NAMES = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
        "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
        "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"};

    private final String input;
    private int index;
    private int current = EOF;
    private boolean ungot;
    private long charsReadTotal;
    private long charsReadLine;
    private long linesRead;
    /** The raw bytes read since the last string or number began, for "last read: '...'". */
    private final StringBuilder tokenString = new StringBuilder();
    /** The decoded bytes of the current string, or the text of the current number. */
    private final StringBuilder buffer = new StringBuilder();
    private String errorMessage = "";
    private Token last;
    private long unsignedValue;
    private long integerValue;
    private double floatValue;

    private JsonParser(String input) {
        this.input = input;
    }

    /** The value of a JSON text; errors are Nix's, without a position. */
    public static Value parse(String text) {
        return new JsonParser(text).document();
    }

    // ---- the parser: containers are parsed with an explicit stack, as deep as the input goes

    private static final class Frame {
        final boolean array;
        final List<Lazy> elements = new ArrayList<>();
        final NixAttrs.Builder attrs = new NixAttrs.Builder();
        String key;

        Frame(boolean array) {
            this.array = array;
        }

        Value build() {
            return array ? new NixList(elements.toArray(new Lazy[0])) : attrs.build();
        }
    }

    private Value document() {
        List<Frame> stack = new ArrayList<>();
        Value result = null;
        next();
        while (true) {
            Value v;
            switch (last) {
                case BEGIN_OBJECT -> {
                    if (next() == Token.END_OBJECT) {
                        v = NixAttrs.empty();
                        break;
                    }
                    Frame f = new Frame(false);
                    f.key = objectKey();
                    stack.add(f);
                    next();
                    continue;
                }
                case BEGIN_ARRAY -> {
                    if (next() == Token.END_ARRAY) {
                        v = new NixList(new Lazy[0]);
                        break;
                    }
                    stack.add(new Frame(true));
                    continue;
                }
                case FLOAT -> {
                    if (!Double.isFinite(floatValue)) {
                        throw new NixError("[json.exception.out_of_range.406] number overflow parsing '"
                                + tokenString() + "'", Pos.NONE);
                    }
                    v = new NixFloat(floatValue);
                }
                case FALSE -> v = NixBool.FALSE;
                case TRUE -> v = NixBool.TRUE;
                case NULL -> v = NixNull.NULL;
                case INTEGER -> v = NixInt.of(integerValue);
                // Values above 2^63 wrap around, as Nix stores the unsigned number in a signed integer.
                case UNSIGNED -> v = NixInt.of(unsignedValue);
                // Nix 2.8 keeps strings as C strings: a NUL byte ends them.
                case STRING -> v = NixString.of(upToNul(buffer.toString()));
                case PARSE_ERROR -> throw syntaxError(null, "value");
                default -> throw syntaxError(Token.LITERAL_OR_VALUE, "value");
            }
            // A value is complete: add it to its container, and close containers that end here.
            while (true) {
                if (stack.isEmpty()) {
                    result = v;
                    break;
                }
                Frame f = stack.get(stack.size() - 1);
                if (f.array) {
                    f.elements.add(v);
                    if (next() == Token.VALUE_SEPARATOR) {
                        next();
                        v = null;
                        break;
                    }
                    if (last != Token.END_ARRAY) {
                        throw syntaxError(Token.END_ARRAY, "array");
                    }
                } else {
                    f.attrs.put(f.key, v);
                    if (next() == Token.VALUE_SEPARATOR) {
                        next();
                        f.key = objectKey();
                        next();
                        v = null;
                        break;
                    }
                    if (last != Token.END_OBJECT) {
                        throw syntaxError(Token.END_OBJECT, "object");
                    }
                }
                stack.remove(stack.size() - 1);
                v = f.build();
            }
            if (result != null) {
                break;
            }
        }
        if (next() != Token.END_OF_INPUT) {
            throw syntaxError(Token.END_OF_INPUT, "value");
        }
        return result;
    }

    /** With the key's token just read: the key, and the ':' after it. */
    private String objectKey() {
        if (last != Token.STRING) {
            throw syntaxError(Token.STRING, "object key");
        }
        String key = buffer.toString();
        if (next() != Token.NAME_SEPARATOR) {
            throw syntaxError(Token.NAME_SEPARATOR, "object separator");
        }
        return key;
    }

    private static String upToNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private NixError syntaxError(Token expected, String context) {
        StringBuilder msg = new StringBuilder("syntax error while parsing ").append(context).append(" - ");
        if (last == Token.PARSE_ERROR) {
            msg.append(errorMessage).append("; last read: '").append(tokenString()).append('\'');
        } else {
            msg.append("unexpected ").append(last.description);
        }
        if (expected != null) {
            msg.append("; expected ").append(expected.description);
        }
        return new NixError("[json.exception.parse_error.101] parse error at line " + (linesRead + 1)
                + ", column " + charsReadLine + ": " + msg, Pos.NONE);
    }

    /** The bytes read, with control characters shown as <U+0009>. */
    private String tokenString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokenString.length(); i++) {
            char c = tokenString.charAt(i);
            if (c <= 0x1f) {
                out.append(String.format("<U+%04X>", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- the lexer

    private int get() {
        charsReadTotal++;
        charsReadLine++;
        if (ungot) {
            ungot = false;
        } else {
            current = index < input.length() ? input.charAt(index++) : EOF;
        }
        if (current != EOF) {
            tokenString.append((char) current);
        }
        if (current == '\n') {
            linesRead++;
            charsReadLine = 0;
        }
        return current;
    }

    private void unget() {
        ungot = true;
        charsReadTotal--;
        if (charsReadLine == 0) {
            if (linesRead > 0) {
                linesRead--;
            }
        } else {
            charsReadLine--;
        }
        if (current != EOF) {
            tokenString.setLength(tokenString.length() - 1);
        }
    }

    private void reset() {
        buffer.setLength(0);
        tokenString.setLength(0);
        tokenString.append((char) current);
    }

    private Token next() {
        last = scan();
        return last;
    }

    private Token scan() {
        if (charsReadTotal == 0 && !skipByteOrderMark()) {
            errorMessage = "invalid BOM; must be 0xEF 0xBB 0xBF if given";
            return Token.PARSE_ERROR;
        }
        do {
            get();
        } while (current == ' ' || current == '\t' || current == '\n' || current == '\r');
        switch (current) {
            case '[':
                return Token.BEGIN_ARRAY;
            case ']':
                return Token.END_ARRAY;
            case '{':
                return Token.BEGIN_OBJECT;
            case '}':
                return Token.END_OBJECT;
            case ':':
                return Token.NAME_SEPARATOR;
            case ',':
                return Token.VALUE_SEPARATOR;
            case 't':
                return literal("true", Token.TRUE);
            case 'f':
                return literal("false", Token.FALSE);
            case 'n':
                return literal("null", Token.NULL);
            case '"':
                return string();
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
                return number();
            case 0, EOF:
                return Token.END_OF_INPUT;
            default:
                errorMessage = "invalid literal";
                return Token.PARSE_ERROR;
        }
    }

    private boolean skipByteOrderMark() {
        if (get() == 0xEF) {
            return get() == 0xBB && get() == 0xBF;
        }
        unget();
        return true;
    }

    private Token literal(String text, Token token) {
        for (int i = 1; i < text.length(); i++) {
            if (get() != text.charAt(i)) {
                errorMessage = "invalid literal";
                return Token.PARSE_ERROR;
            }
        }
        return token;
    }

    private Token string() {
        reset();
        while (true) {
            int c = get();
            if (c == EOF) {
                return error("invalid string: missing closing quote");
            } else if (c == '"') {
                return Token.STRING;
            } else if (c == '\\') {
                if (!escape()) {
                    return Token.PARSE_ERROR;
                }
            } else if (c < 0x20) {
                return error(controlCharacterMessage(c));
            } else if (c < 0x80) {
                buffer.append((char) c);
            } else if (!utf8Sequence(c)) {
                return error("invalid string: ill-formed UTF-8 byte");
            }
        }
    }

    private static String controlCharacterMessage(int c) {
        String hex = String.format("%04X", c);
        String shortForm = switch (c) {
            case 0x08 -> " or \\b";
            case 0x09 -> " or \\t";
            case 0x0A -> " or \\n";
            case 0x0C -> " or \\f";
            case 0x0D -> " or \\r";
            default -> "";
        };
        return "invalid string: control character U+" + hex + " (" + CONTROL_NAMES[c] + ") must be escaped to \\u"
                + hex + shortForm;
    }

    /** After a backslash: one escape, decoded into the buffer; false (with the message set) if invalid. */
    private boolean escape() {
        switch (get()) {
            case '"' -> buffer.append('"');
            case '\\' -> buffer.append('\\');
            case '/' -> buffer.append('/');
            case 'b' -> buffer.append('\b');
            case 'f' -> buffer.append('\f');
            case 'n' -> buffer.append('\n');
            case 'r' -> buffer.append('\r');
            case 't' -> buffer.append('\t');
            case 'u' -> {
                int cp = codeUnit();
                if (cp < 0) {
                    errorMessage = "invalid string: '\\u' must be followed by 4 hex digits";
                    return false;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (get() != '\\' || get() != 'u') {
                        errorMessage = "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
                        return false;
                    }
                    int low = codeUnit();
                    if (low < 0) {
                        errorMessage = "invalid string: '\\u' must be followed by 4 hex digits";
                        return false;
                    }
                    if (low < 0xDC00 || low > 0xDFFF) {
                        errorMessage = "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF";
                        return false;
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    errorMessage = "invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF";
                    return false;
                }
                appendUtf8(cp);
            }
            default -> {
                errorMessage = "invalid string: forbidden character after backslash";
                return false;
            }
        }
        return true;
    }

    /** The four hex digits after \\u, or -1. */
    private int codeUnit() {
        int cp = 0;
        for (int i = 0; i < 4; i++) {
            int c = get();
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            cp = cp * 16 + d;
        }
        return cp;
    }

    private void appendUtf8(int cp) {
        if (cp < 0x80) {
            buffer.append((char) cp);
        } else if (cp < 0x800) {
            buffer.append((char) (0xC0 | cp >> 6)).append((char) (0x80 | cp & 0x3F));
        } else if (cp < 0x10000) {
            buffer.append((char) (0xE0 | cp >> 12)).append((char) (0x80 | cp >> 6 & 0x3F))
                    .append((char) (0x80 | cp & 0x3F));
        } else {
            buffer.append((char) (0xF0 | cp >> 18)).append((char) (0x80 | cp >> 12 & 0x3F))
                    .append((char) (0x80 | cp >> 6 & 0x3F)).append((char) (0x80 | cp & 0x3F));
        }
    }

    /** A well-formed UTF-8 sequence starting with lead byte c (bytes checked one by one as read). */
    private boolean utf8Sequence(int c) {
        int[] ranges;
        if (c >= 0xC2 && c <= 0xDF) {
            ranges = new int[] {0x80, 0xBF};
        } else if (c == 0xE0) {
            ranges = new int[] {0xA0, 0xBF, 0x80, 0xBF};
        } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
            ranges = new int[] {0x80, 0xBF, 0x80, 0xBF};
        } else if (c == 0xED) {
            ranges = new int[] {0x80, 0x9F, 0x80, 0xBF};
        } else if (c == 0xF0) {
            ranges = new int[] {0x90, 0xBF, 0x80, 0xBF, 0x80, 0xBF};
        } else if (c >= 0xF1 && c <= 0xF3) {
            ranges = new int[] {0x80, 0xBF, 0x80, 0xBF, 0x80, 0xBF};
        } else if (c == 0xF4) {
            ranges = new int[] {0x80, 0x8F, 0x80, 0xBF, 0x80, 0xBF};
        } else {
            return false;
        }
        buffer.append((char) c);
        for (int i = 0; i < ranges.length; i += 2) {
            int b = get();
            if (b < ranges[i] || b > ranges[i + 1]) {
                return false;
            }
            buffer.append((char) b);
        }
        return true;
    }

    private Token error(String message) {
        errorMessage = message;
        return Token.PARSE_ERROR;
    }

    private Token number() {
        reset();
        Token type = Token.UNSIGNED;
        int c = current;
        buffer.append((char) c);
        if (c == '-') {
            type = Token.INTEGER;
            c = get();
            if (!isDigit(c)) {
                return error("invalid number; expected digit after '-'");
            }
            buffer.append((char) c);
        }
        // A leading zero takes no more digits; any other first digit does.
        int first = c;
        c = get();
        if (first != '0') {
            while (isDigit(c)) {
                buffer.append((char) c);
                c = get();
            }
        }
        if (c == '.') {
            type = Token.FLOAT;
            buffer.append('.');
            c = get();
            if (!isDigit(c)) {
                return error("invalid number; expected digit after '.'");
            }
            while (isDigit(c)) {
                buffer.append((char) c);
                c = get();
            }
        }
        if (c == 'e' || c == 'E') {
            type = Token.FLOAT;
            buffer.append((char) c);
            c = get();
            if (c == '+' || c == '-') {
                buffer.append((char) c);
                c = get();
                if (!isDigit(c)) {
                    return error("invalid number; expected digit after exponent sign");
                }
            } else if (!isDigit(c)) {
                return error("invalid number; expected '+', '-', or digit after exponent");
            }
            while (isDigit(c)) {
                buffer.append((char) c);
                c = get();
            }
        }
        unget();
        String text = buffer.toString();
        if (type == Token.UNSIGNED) {
            try {
                unsignedValue = Long.parseUnsignedLong(text);
                return Token.UNSIGNED;
            } catch (NumberFormatException e) {
                // Too large for 64 bits: read as a float, as the library does.
            }
        } else if (type == Token.INTEGER) {
            try {
                integerValue = Long.parseLong(text);
                return Token.INTEGER;
            } catch (NumberFormatException e) {
                // Below -2^63: a float.
            }
        }
        floatValue = Double.parseDouble(text);
        return Token.FLOAT;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
